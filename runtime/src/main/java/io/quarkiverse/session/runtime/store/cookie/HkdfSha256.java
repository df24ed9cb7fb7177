package io.quarkiverse.session.runtime.store.cookie;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869), on the JDK's {@code HmacSHA256}: derives independent keys from one secret.
 */
public final class HkdfSha256 {

    private static final int HASH_LENGTH = 32;

    private HkdfSha256() {
    }

    /**
     * HKDF-Extract: a pseudorandom key from input keying material and an optional salt.
     */
    static byte[] extract(byte[] salt, byte[] inputKeyingMaterial) {
        // An absent salt is a string of HashLen zeros (RFC 5869, 2.2).
        byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        return hmac(effectiveSalt).doFinal(inputKeyingMaterial);
    }

    /**
     * HKDF-Expand: {@code length} bytes of output keying material bound to {@code info}.
     */
    static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 output length must be in [1, 8160], got " + length);
        }
        Mac mac = hmac(pseudorandomKey);
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int chunk = Math.min(block.length, length - written);
            System.arraycopy(block, 0, output, written, chunk);
            written += chunk;
        }
        return output;
    }

    static byte[] derive(byte[] salt, byte[] inputKeyingMaterial, byte[] info, int length) {
        return expand(extract(salt, inputKeyingMaterial), info, length);
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
