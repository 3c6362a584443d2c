package dev.graft.containment.internal.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.ExitRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves {@link ExitingSample}'s class file and checks the calls that end the JVM are gone (read
 * back with ASM first, so a failed rewrite cannot end the test's JVM), then runs the woven class.
 */
class ExitCallsTest {

    @Test
    void everyCallThatEndsTheJvmIsRedirectedToTheThrower() throws Exception {
        ExitCalls.Rewritten woven = ExitCalls.refuse(classFile(ExitingSample.class));

        assertEquals(List.of("Runtime.exit", "Runtime.halt", "System.exit"), woven.refused());
        List<String> calls = calls(woven.classFile());
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("java/lang/System.exit")
                || c.startsWith("java/lang/Runtime.exit") || c.startsWith("java/lang/Runtime.halt")), calls.toString());
        assertTrue(calls.contains(ExitCalls.THROWER + ".exit(I)V"), calls.toString());
        assertTrue(calls.contains(ExitCalls.THROWER + ".exit(Ljava/lang/Runtime;I)V"), calls.toString());
        assertTrue(calls.contains(ExitCalls.THROWER + ".halt(Ljava/lang/Runtime;I)V"), calls.toString());
        // other calls, one of a method named exit, stay
        assertTrue(calls.contains("dev/graft/containment/internal/weave/ExitingSample.exit(I)I"), calls.toString());
        assertTrue(calls.contains("java/lang/System.identityHashCode(Ljava/lang/Object;)I"), calls.toString());
        assertTrue(calls.contains("java/lang/Runtime.getRuntime()Ljava/lang/Runtime;"), calls.toString());
    }

    @Test
    void theWovenClassThrowsWhereItWouldHaveEndedTheJvm() throws Exception {
        Class<?> woven = load(ExitCalls.refuse(classFile(ExitingSample.class)).classFile());

        assertEquals("System.exit(1)", refused(woven, "systemExit").call());
        assertEquals("Runtime.exit(2)", refused(woven, "runtimeExit").call());
        assertEquals("Runtime.halt(3)", refused(woven, "runtimeHalt").call());
        // the woven class is named as the caller (outside a bundle, by its class name)
        assertEquals(ExitingSample.class.getName(), refused(woven, "systemExit").module());
        assertEquals(42, woven.getMethod("untouched").invoke(null));
    }

    @Test
    void methodReferencesAreRedirectedToo() throws Exception {
        Class<?> woven = load(ExitCalls.refuse(classFile(ExitingSample.class)).classFile());

        IntConsumer exit = (IntConsumer) woven.getMethod("exitReference").invoke(null);
        assertEquals("System.exit(7)", assertThrows(ExitRefusedException.class, () -> exit.accept(7)).call());
        IntConsumer halt = (IntConsumer) woven.getMethod("haltReference").invoke(null);
        assertEquals("Runtime.halt(8)", assertThrows(ExitRefusedException.class, () -> halt.accept(8)).call());
    }

    @Test
    void aClassThatEndsNothingIsLeftAlone() throws IOException {
        byte[] plain = classFile(PlainSample.class);
        assertFalse(ExitCalls.mayCall(plain), "the first look reads the constant pool's method names");
        assertNull(ExitCalls.refuse(plain));
        assertTrue(ExitCalls.mayCall(classFile(ExitingSample.class)));
    }

    @Test
    void aClassAsmCannotReadIsAnError() {
        assertThrows(RuntimeException.class, () -> ExitCalls.refuse(new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1}));
    }

    private static ExitRefusedException refused(Class<?> woven, String method) throws Exception {
        Method call = woven.getMethod(method);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> call.invoke(null));
        assertEquals(ExitRefusedException.class, thrown.getCause().getClass(), thrown.getCause().toString());
        return (ExitRefusedException) thrown.getCause();
    }

    /** @return {@code owner.name descriptor} of every call and method handle in the class */
    private static List<String> calls(byte[] classFile) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        calls.add(owner + "." + method + desc);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... arguments) {
                        for (Object argument : arguments) {
                            if (argument instanceof Handle handle) {
                                calls.add(handle.getOwner() + "." + handle.getName() + handle.getDesc());
                            }
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the woven class in a loader of its own; everything else (the thrower) comes from the test's. */
    private static Class<?> load(byte[] classFile) throws ClassNotFoundException {
        return new ClassLoader(ExitCallsTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(ExitingSample.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : defineClass(name, classFile, 0, classFile.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(ExitingSample.class.getName());
    }
}
