package dev.graft.containment.internal.weave;

import dev.graft.api.ExitRefusedException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites the calls that end the JVM — {@code System.exit(int)}, {@code Runtime.exit(int)},
 * {@code Runtime.halt(int)} — in one class file into calls of {@link ExitRefusedException}'s static
 * methods of the same stack effect (the receiver becomes the first argument), which throw. Method
 * references ({@code System::exit}, {@code runtime::halt}) are rewritten too: they are method handles
 * in the class's constant pool. Every other instruction is left as it was, so stack map frames stay
 * valid and no class has to be loaded to compute them.
 */
final class ExitCalls {

    /** The internal name of the class the calls are redirected to. */
    static final String THROWER = Type.getInternalName(ExitRefusedException.class);

    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String EXIT_DESC = "(I)V";
    private static final String RECEIVER_EXIT_DESC = "(Ljava/lang/Runtime;I)V";

    // a method named exit or halt is referenced only through a CONSTANT_Utf8 entry with exactly these bytes
    private static final byte[] EXIT_UTF8 = {1, 0, 4, 'e', 'x', 'i', 't'};
    private static final byte[] HALT_UTF8 = {1, 0, 4, 'h', 'a', 'l', 't'};

    /** A rewritten class file and the calls it refuses, sorted, e.g. {@code [Runtime.halt, System.exit]}. */
    record Rewritten(byte[] classFile, List<String> refused) {}

    private ExitCalls() {}

    /**
     * A cheap first look: false means the class certainly calls none of the three methods (its constant
     * pool names no method {@code exit} or {@code halt}), true that it must be read.
     */
    static boolean mayCall(byte[] classFile) {
        return contains(classFile, EXIT_UTF8) || contains(classFile, HALT_UTF8);
    }

    /**
     * @param classFile a class file ASM can read (Java 1.1 to the newest ASM knows)
     * @return the class with its calls rewritten, or null if it calls none of the three methods
     * @throws RuntimeException if ASM cannot read the class (a newer class-file version, a corrupt file)
     */
    static Rewritten refuse(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // sharing the reader's constant pool: unchanged methods are copied as they are
        ClassWriter writer = new ClassWriter(reader, 0);
        Set<String> refused = new TreeSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new Redirect(super.visitMethod(access, name, descriptor, signature, exceptions), refused);
            }
        }, 0);
        return refused.isEmpty() ? null : new Rewritten(writer.toByteArray(), List.copyOf(refused));
    }

    private static final class Redirect extends MethodVisitor {

        private final Set<String> refused;

        Redirect(MethodVisitor next, Set<String> refused) {
            super(Opcodes.ASM9, next);
            this.refused = refused;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && isSystemExit(owner, name, descriptor)) {
                refused.add("System.exit");
                super.visitMethodInsn(Opcodes.INVOKESTATIC, THROWER, "exit", EXIT_DESC, false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && isRuntimeExit(owner, name, descriptor)) {
                refused.add("Runtime." + name);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, THROWER, name, RECEIVER_EXIT_DESC, false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] redirected = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                redirected[i] = constant(arguments[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, redirected);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(constant(value));
        }

        private Object constant(Object value) {
            if (value instanceof Handle handle) {
                return handle(handle);
            }
            if (value instanceof ConstantDynamic dynamic) {
                Object[] arguments = new Object[dynamic.getBootstrapMethodArgumentCount()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = constant(dynamic.getBootstrapMethodArgument(i));
                }
                return new ConstantDynamic(dynamic.getName(), dynamic.getDescriptor(), dynamic.getBootstrapMethod(),
                        arguments);
            }
            return value;
        }

        // System::exit, Runtime::exit, runtime::halt as method references
        private Handle handle(Handle handle) {
            if (handle.getTag() == Opcodes.H_INVOKESTATIC
                    && isSystemExit(handle.getOwner(), handle.getName(), handle.getDesc())) {
                refused.add("System.exit");
                return new Handle(Opcodes.H_INVOKESTATIC, THROWER, "exit", EXIT_DESC, false);
            }
            if (handle.getTag() == Opcodes.H_INVOKEVIRTUAL
                    && isRuntimeExit(handle.getOwner(), handle.getName(), handle.getDesc())) {
                refused.add("Runtime." + handle.getName());
                return new Handle(Opcodes.H_INVOKESTATIC, THROWER, handle.getName(), RECEIVER_EXIT_DESC, false);
            }
            return handle;
        }
    }

    private static boolean isSystemExit(String owner, String name, String descriptor) {
        return SYSTEM.equals(owner) && "exit".equals(name) && EXIT_DESC.equals(descriptor);
    }

    private static boolean isRuntimeExit(String owner, String name, String descriptor) {
        return RUNTIME.equals(owner) && ("exit".equals(name) || "halt".equals(name)) && EXIT_DESC.equals(descriptor);
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
