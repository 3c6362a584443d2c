package dev.graft.nativebridge.internal.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryFormatTest {

    private static final LibraryFormat.Expected LINUX_X64 = new LibraryFormat.Expected("linux", 2, 1, 62, "x86-64");
    private static final LibraryFormat.Expected LINUX_ARM64 = new LibraryFormat.Expected("linux", 2, 1, 183, "aarch64");

    @TempDir
    Path dir;

    static byte[] elf(int elfClass, int order, int type, int machine) {
        byte[] h = new byte[64];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = (byte) elfClass;
        h[5] = (byte) order;
        h[6] = 1;
        if (order == 2) {
            h[17] = (byte) type;
            h[19] = (byte) machine;
            h[18] = (byte) (machine >> 8);
        } else {
            h[16] = (byte) type;
            h[18] = (byte) machine;
            h[19] = (byte) (machine >> 8);
        }
        return h;
    }

    @Test
    void a64BitX86SharedLibraryLoadsOnX86_64Only() {
        assertNull(LibraryFormat.describe(elf(2, 1, 3, 62), 64, LINUX_X64));
        assertEquals("a 64-bit ELF shared library for x86-64 (machine 62)", LibraryFormat.describe(elf(2, 1, 3, 62), 64, LINUX_ARM64));
        assertNull(LibraryFormat.describe(elf(2, 1, 3, 183), 64, LINUX_ARM64));
    }

    @Test
    void theClassTheTypeAndTheByteOrderAreChecked() {
        assertEquals("a 32-bit ELF shared library for x86 (machine 3)", LibraryFormat.describe(elf(1, 1, 3, 3), 64, LINUX_X64));
        assertEquals("a 64-bit ELF executable for x86-64 (machine 62)", LibraryFormat.describe(elf(2, 1, 2, 62), 64, LINUX_X64));
        assertEquals("a 64-bit ELF object file for x86-64 (machine 62)", LibraryFormat.describe(elf(2, 1, 1, 62), 64, LINUX_X64));
        assertEquals("a 64-bit ELF shared library for s390 (machine 22, big endian)",
                LibraryFormat.describe(elf(2, 2, 3, 22), 64, LINUX_X64));
        assertEquals("a truncated ELF file", LibraryFormat.describe(elf(2, 1, 3, 62), 10, LINUX_X64));
    }

    @Test
    void peAndMachOAreRecognisedByName() {
        assertEquals("a Windows DLL (PE format)", LibraryFormat.describe(new byte[] {'M', 'Z', 0, 0}, 4, LINUX_X64));
        assertEquals("a macOS Mach-O library", LibraryFormat.describe(new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe}, 4, LINUX_X64));
        assertEquals("a macOS Mach-O library", LibraryFormat.describe(new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xcf}, 4, LINUX_X64));
        assertEquals("a Java class file, not a shared library",
                LibraryFormat.describe(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61}, 8, LINUX_X64));
        assertEquals("not a shared library (no ELF, PE or Mach-O header)", LibraryFormat.describe("#!/bin/sh".getBytes(), 9, LINUX_X64));
        assertNull(LibraryFormat.describe(new byte[] {'M', 'Z', 0, 0}, 4, new LibraryFormat.Expected("windows", 2, 1, 62, "x86-64")));
    }

    @Test
    void aMissingOrEmptyFileIsMissingAndAWrongOneIsArchNamingTheLibraryAndWhatIsExpected() throws IOException {
        NativeException missing = assertThrows(NativeException.class, () -> LibraryFormat.check("calc", dir.resolve("nope.so"), LINUX_X64));
        assertEquals(FailureCode.E_NATIVE_MISSING, missing.code());
        assertTrue(missing.getMessage().startsWith("library calc: no file "), missing.getMessage());

        Path empty = Files.write(dir.resolve("empty.so"), new byte[0]);
        assertEquals(FailureCode.E_NATIVE_MISSING, assertThrows(NativeException.class, () -> LibraryFormat.check("calc", empty, LINUX_X64)).code());

        Path arm = Files.write(dir.resolve("libarm.so"), elf(2, 1, 3, 183));
        NativeException arch = assertThrows(NativeException.class, () -> LibraryFormat.check("calc", arm, LINUX_X64));
        assertEquals(FailureCode.E_NATIVE_ARCH, arch.code());
        assertEquals("library calc: libarm.so is a 64-bit ELF shared library for aarch64 (machine 183); this runtime loads"
                + " 64-bit ELF shared libraries for x86-64 (machine 62)", arch.getMessage());
        assertEquals("calc", arch.library());
    }

    @Test
    void thisProcessIsDescribed() {
        LibraryFormat.Expected here = LibraryFormat.Expected.ofThisProcess();
        if (System.getProperty("os.arch").equals("amd64")) {
            assertEquals(LINUX_X64.machine(), here.machine());
            assertEquals(2, here.elfClass());
        }
    }
}
