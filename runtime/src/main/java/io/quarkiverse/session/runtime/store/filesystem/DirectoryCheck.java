package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * The startup check that the session directory belongs to this process's user alone: whoever can write in it can plant
 * a file named after the hash of a session ID of their choosing, send that ID, and be whoever the file says. Each
 * method returns what is wrong, worded to follow "{@code quarkus.session.filesystem.path is <path>, }" and ending with
 * the fix, or {@code null} if nothing is. The directory is judged by its own attributes, read without following a
 * link:
 * <ul>
 * <li>a real directory, not a symbolic link: whoever can change a link can point the store at a directory of their
 * own;</li>
 * <li>owned by the user this process creates files as;</li>
 * <li>no permission for its group or for others: no one else may plant a file or copy one.</li>
 * </ul>
 * Its ancestors (with links resolved) may not be writable by everyone unless they have the sticky bit, as {@code /tmp}
 * has: otherwise anyone could rename the directory away after the check and put one of their own in its place. Group
 * write on an ancestor is accepted: with user-private groups and in containers run under an arbitrary user of group 0
 * (OpenShift) it is the rule, and the directory itself still admits no one but its owner.
 * <p>
 * On a file system without POSIX permissions (Windows), only the first rule can be checked.
 */
final class DirectoryCheck {

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    /** The sticky bit of {@code unix:mode}: only a file's owner may rename or delete it. */
    private static final int STICKY = 01000;

    private DirectoryCheck() {
    }

    /**
     * Judges the directory by its type and permissions, before anything is created in it.
     *
     * @throws NotDirectoryException if it is neither a directory nor a link
     */
    static String problemOfTheDirectory(SessionDirectory directory) throws IOException {
        Path path = directory.path();
        if (!directory.isPosix()) {
            return linkOrNotDirectory(path, Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS));
        }
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        String problem = linkOrNotDirectory(path, attributes);
        if (problem != null) {
            return problem;
        }
        if (!OWNER_ONLY.containsAll(attributes.permissions())) {
            return "a directory with permissions " + PosixFilePermissions.toString(attributes.permissions())
                    + ": only its owner may have any, since whoever can write in it can plant a session file and be "
                    + "logged in as anyone, and whoever can read it can copy sessions. Run: chmod 700 " + quoted(path);
        }
        return null;
    }

    private static String linkOrNotDirectory(Path path, BasicFileAttributes attributes) throws NotDirectoryException {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link: the store only uses a real directory, since whoever can change the link can point "
                    + "the store at files of their own and be logged in as anyone. Point it at the directory itself, "
                    + "or remove the link and let the store create the directory";
        }
        if (!attributes.isDirectory()) {
            throw new NotDirectoryException(path.toString());
        }
        return null;
    }

    /**
     * Judges the owner of the directory, once a file was created in it.
     *
     * @param processUser the owner of that file, or {@code null} on a file system without POSIX owners
     */
    static String problemOfTheOwner(SessionDirectory directory, UserPrincipal processUser) throws IOException {
        if (processUser == null) {
            return null;
        }
        Path path = directory.path();
        UserPrincipal owner = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).owner();
        if (owner.equals(processUser)) {
            return null;
        }
        return "a directory owned by " + owner.getName() + ", not by " + processUser.getName()
                + ", the user this process runs as: its owner can plant a session file and be logged in as anyone. "
                + "Run: chown " + processUser.getName() + " " + quoted(path)
                + " (or remove the directory and let the store create it)";
    }

    /**
     * Judges the ancestors of the directory, with links resolved: none may be writable by everyone without the sticky
     * bit. Skipped where the file system does not report the sticky bit.
     */
    static String problemOfTheParents(SessionDirectory directory) throws IOException {
        Path parent = directory.path().getParent();
        if (!directory.isPosix() || parent == null) {
            return null;
        }
        for (Path ancestor = parent.toRealPath(); ancestor != null; ancestor = ancestor.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(ancestor);
            if (!permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                continue;
            }
            int mode;
            try {
                mode = (Integer) Files.getAttribute(ancestor, "unix:mode");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return null;
            }
            if ((mode & STICKY) == 0) {
                return "in " + ancestor + ", a directory anyone can write to (" + PosixFilePermissions.toString(permissions)
                        + ", without the sticky bit): anyone can move the session directory away and put one of their "
                        + "own in its place. Run: chmod o-w " + quoted(ancestor) + " (or chmod +t), or choose a "
                        + "directory elsewhere";
            }
        }
        return null;
    }

    private static String quoted(Path path) {
        return "'" + path + "'";
    }
}
