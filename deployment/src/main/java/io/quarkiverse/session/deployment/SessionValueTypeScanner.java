package io.quarkiverse.session.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.ParameterizedType;
import org.jboss.logging.Logger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.Session;
import io.quarkiverse.session.SessionValues;

/**
 * Finds the types an application stores in sessions, so that they can be registered for JSON encoding by reflection in
 * native executables without any action of the user:
 * <ul>
 * <li>the static type of every value passed to {@code put},</li>
 * <li>every class literal passed to {@code get} or {@code find},</li>
 * <li>every type argument of a {@code TypeLiteral} subclass, such as {@code new TypeLiteral<List<CartItem>>() {}}.</li>
 * </ul>
 * The bytecode of the classes that use the session API is analysed with ASM, with the type hierarchy taken from the
 * Jandex index instead of loaded classes.
 */
final class SessionValueTypeScanner {

    private static final Logger LOG = Logger.getLogger(SessionValueTypeScanner.class);
    private static final List<DotName> API = List.of(DotName.createSimple(Session.class),
            DotName.createSimple(DetachedSession.class), DotName.createSimple(SessionValues.class));
    private static final Set<String> API_OWNERS = Set.of(Type.getInternalName(Session.class),
            Type.getInternalName(DetachedSession.class), Type.getInternalName(SessionValues.class));
    private static final DotName TYPE_LITERAL = DotName.createSimple("jakarta.enterprise.util.TypeLiteral");
    private static final String PUT_DESCRIPTOR = "(Ljava/lang/String;Ljava/lang/Object;)V";
    private static final String OBJECT = "java/lang/Object";

    private final IndexView index;
    private final ClassLoader classLoader;
    private final Set<String> found = new LinkedHashSet<>();

    SessionValueTypeScanner(IndexView index, ClassLoader classLoader) {
        this.index = index;
        this.classLoader = classLoader;
    }

    /** Returns the binary names of the value types found. */
    Set<String> scan() {
        Set<DotName> users = new LinkedHashSet<>();
        for (DotName api : API) {
            index.getKnownUsers(api).forEach(user -> users.add(user.name()));
        }
        for (DotName user : users) {
            scanBytecode(user);
        }
        for (ClassInfo literal : index.getAllKnownSubclasses(TYPE_LITERAL)) {
            if (literal.superClassType() != null
                    && literal.superClassType().kind() == org.jboss.jandex.Type.Kind.PARAMETERIZED_TYPE) {
                collect(literal.superClassType().asParameterizedType());
            }
        }
        return found;
    }

    private void collect(org.jboss.jandex.Type type) {
        switch (type.kind()) {
            case CLASS -> add(type.name().toString());
            case PARAMETERIZED_TYPE -> {
                ParameterizedType parameterized = type.asParameterizedType();
                add(parameterized.name().toString());
                parameterized.arguments().forEach(this::collect);
            }
            case ARRAY -> collect(type.asArrayType().elementType());
            case WILDCARD_TYPE -> collect(type.asWildcardType().extendsBound());
            default -> {
                // Type variables and primitives name no class to register.
            }
        }
    }

    private void scanBytecode(DotName className) {
        ClassNode node = read(className);
        if (node == null) {
            return;
        }
        for (MethodNode method : node.methods) {
            if (callsSessionApi(method)) {
                scanMethod(node.name, method);
            }
        }
    }

    private static boolean callsSessionApi(MethodNode method) {
        for (AbstractInsnNode instruction : method.instructions) {
            if (instruction instanceof MethodInsnNode call && API_OWNERS.contains(call.owner)) {
                return true;
            }
        }
        return false;
    }

    private void scanMethod(String owner, MethodNode method) {
        Frame<BasicValue>[] frames = null;
        try {
            frames = new Analyzer<>(new IndexedVerifier()).analyze(owner, method);
        } catch (AnalyzerException | RuntimeException e) {
            LOG.debugf("Could not analyse %s.%s for session value types: %s", owner, method.name, e);
        }
        AbstractInsnNode[] instructions = method.instructions.toArray();
        for (int i = 0; i < instructions.length; i++) {
            if (!(instructions[i] instanceof MethodInsnNode call) || !API_OWNERS.contains(call.owner)) {
                continue;
            }
            if ((call.name.equals("get") || call.name.equals("find"))
                    && call.desc.startsWith("(Ljava/lang/String;Ljava/lang/Class;)")) {
                AbstractInsnNode previous = previousInstruction(instructions, i);
                if (previous instanceof LdcInsnNode ldc && ldc.cst instanceof Type literal) {
                    addInternal(literal);
                }
            } else if (call.name.equals("put") && call.desc.equals(PUT_DESCRIPTOR) && frames != null
                    && frames[i] != null) {
                Frame<BasicValue> frame = frames[i];
                BasicValue value = frame.getStack(frame.getStackSize() - 1);
                if (value != null && value.getType() != null) {
                    addInternal(value.getType());
                }
            }
        }
    }

    private static AbstractInsnNode previousInstruction(AbstractInsnNode[] instructions, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (instructions[i].getOpcode() >= 0) {
                return instructions[i];
            }
        }
        return null;
    }

    private void addInternal(Type type) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT) {
            add(element.getClassName());
        }
    }

    private void add(String className) {
        // The JDK's own types (String, List, Integer...) need no registration by the application.
        if (!className.startsWith("java.") && !className.equals("null")) {
            found.add(className);
        }
    }

    private ClassNode read(DotName className) {
        String resource = className.toString().replace('.', '/') + ".class";
        try (InputStream bytes = classLoader.getResourceAsStream(resource)) {
            if (bytes == null) {
                return null;
            }
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
            return node;
        } catch (IOException e) {
            LOG.debugf("Could not read %s: %s", resource, e);
            return null;
        }
    }

    /**
     * ASM's verifier, with the class hierarchy from the index rather than from loaded classes: the build must not load
     * application classes to analyse them.
     */
    private final class IndexedVerifier extends SimpleVerifier {

        IndexedVerifier() {
            super(Opcodes.ASM9, null, null, null, false);
        }

        @Override
        protected boolean isInterface(Type type) {
            ClassInfo info = classInfo(type);
            return info != null && info.isInterface();
        }

        @Override
        protected Type getSuperClass(Type type) {
            ClassInfo info = classInfo(type);
            if (info == null || info.superName() == null) {
                return OBJECT.equals(type.getInternalName()) ? null : Type.getObjectType(OBJECT);
            }
            return Type.getObjectType(info.superName().toString().replace('.', '/'));
        }

        @Override
        protected boolean isAssignableFrom(Type type, Type other) {
            if (type.equals(other) || OBJECT.equals(type.getInternalName())) {
                return true;
            }
            if (type.getSort() == Type.ARRAY || other.getSort() == Type.ARRAY) {
                return type.getSort() == Type.ARRAY && other.getSort() == Type.ARRAY
                        && type.getDimensions() == other.getDimensions()
                        && isAssignableFrom(type.getElementType(), other.getElementType());
            }
            if (type.getSort() != Type.OBJECT || other.getSort() != Type.OBJECT) {
                return false;
            }
            return isSubtype(DotName.createSimple(other.getClassName()), DotName.createSimple(type.getClassName()),
                    0);
        }

        @Override
        protected Class<?> getClass(Type type) {
            throw new UnsupportedOperationException("Classes are not loaded: " + type);
        }

        private boolean isSubtype(DotName candidate, DotName supertype, int depth) {
            if (candidate.equals(supertype)) {
                return true;
            }
            ClassInfo info = index.getClassByName(candidate);
            if (info == null || depth > 32) {
                return false;
            }
            if (info.superName() != null && isSubtype(info.superName(), supertype, depth + 1)) {
                return true;
            }
            for (DotName implemented : info.interfaceNames()) {
                if (isSubtype(implemented, supertype, depth + 1)) {
                    return true;
                }
            }
            return false;
        }

        private ClassInfo classInfo(Type type) {
            return type.getSort() == Type.OBJECT ? index.getClassByName(DotName.createSimple(type.getClassName())) : null;
        }
    }
}
