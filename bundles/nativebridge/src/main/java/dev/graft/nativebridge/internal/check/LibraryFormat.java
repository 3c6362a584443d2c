package dev.graft.nativebridge.internal.check;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a file's header and says whether it is a shared library this process can load: on Linux an
 * ELF shared object of the JVM's class (32/64-bit), byte order and machine. A Windows DLL (PE) or a
 * macOS Mach-O library is recognised and refused by name, so an operator sees what was dropped.
 */
public final class LibraryFormat {

    /** What this process can load: ELF class (1 = 32-bit, 2 = 64-bit), byte order (1 = little endian), machine. */
    public record Expected(String os, int elfClass, int byteOrder, int machine, String arch) {

        /** @return what the running JVM can load */
        public static Expected ofThisProcess() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String family = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : os.startsWith("linux") ? "linux" : os;
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            return switch (arch) {
                case "amd64", "x86_64" -> new Expected(family, 2, 1, 62, "x86-64");
                case "aarch64", "arm64" -> new Expected(family, 2, 1, 183, "aarch64");
                case "x86", "i386", "i486", "i586", "i686" -> new Expected(family, 1, 1, 3, "x86");
                case "arm" -> new Expected(family, 1, 1, 40, "arm");
                case "riscv64" -> new Expected(family, 2, 1, 243, "riscv64");
                case "ppc64le" -> new Expected(family, 2, 1, 21, "ppc64le");
                case "s390x" -> new Expected(family, 2, 2, 22, "s390x");
                default -> new Expected(family, 0, 0, 0, arch);
            };
        }
    }

    private static final int ET_DYN = 3;

    private LibraryFormat() {}

    /**
     * @param library the library's name, for the message
     * @param file the file to check
     * @param expected what this process loads
     * @throws NativeException {@code E_NATIVE_MISSING} if the file is missing or empty,
     *     {@code E_NATIVE_ARCH} if it is not a shared library this process can load
     */
    public static void check(String library, Path file, Expected expected) {
        byte[] header = new byte[64];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (NoSuchFileException e) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, library, "library " + library + ": no file " + file);
        } catch (IOException e) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, library, "library " + library + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        if (read == 0) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, library, "library " + library + ": " + file + " is empty");
        }
        String found = describe(header, read, expected);
        if (found != null) {
            throw new NativeException(FailureCode.E_NATIVE_ARCH, library, "library " + library + ": " + file.getFileName() + " is "
                    + found + "; this runtime loads " + wanted(expected));
        }
    }

    /** @return what the header shows if it is not loadable here, or null if it is */
    static String describe(byte[] h, int length, Expected expected) {
        if (length >= 4 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
            if (length < 20) {
                return "a truncated ELF file";
            }
            int elfClass = h[4];
            int order = h[5];
            int type = order == 2 ? ((h[16] & 0xff) << 8) | (h[17] & 0xff) : ((h[17] & 0xff) << 8) | (h[16] & 0xff);
            int machine = order == 2 ? ((h[18] & 0xff) << 8) | (h[19] & 0xff) : ((h[19] & 0xff) << 8) | (h[18] & 0xff);
            String what = (elfClass == 1 ? "a 32-bit" : elfClass == 2 ? "a 64-bit" : "an unknown-class") + " ELF "
                    + (type == ET_DYN ? "shared library" : type == 2 ? "executable" : type == 1 ? "object file" : "file of type " + type)
                    + " for " + machineName(machine) + " (machine " + machine + (order == 2 ? ", big endian" : "") + ")";
            if (!expected.os().equals("linux") && !expected.os().endsWith("bsd")) {
                return what;
            }
            boolean ok = type == ET_DYN && elfClass == expected.elfClass() && order == expected.byteOrder()
                    && machine == expected.machine();
            return ok ? null : what;
        }
        if (length >= 2 && h[0] == 'M' && h[1] == 'Z') {
            return expected.os().equals("windows") ? null : "a Windows DLL (PE format)";
        }
        if (length >= 4) {
            int magic = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            if (magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe || magic == 0xcafebabe) {
                if (magic == 0xcafebabe && length >= 8 && (h[7] & 0xff) >= 45) {
                    return "a Java class file, not a shared library";
                }
                return expected.os().equals("macos") ? null : "a macOS Mach-O library";
            }
        }
        return "not a shared library (no ELF, PE or Mach-O header)";
    }

    static String wanted(Expected expected) {
        return switch (expected.os()) {
            case "windows" -> "Windows DLLs (PE)";
            case "macos" -> "Mach-O libraries";
            default -> (expected.elfClass() == 1 ? "32-bit" : "64-bit") + " ELF shared libraries for " + expected.arch()
                    + " (machine " + expected.machine() + ")";
        };
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case 3 -> "x86";
            case 62 -> "x86-64";
            case 40 -> "arm";
            case 183 -> "aarch64";
            case 243 -> "riscv";
            case 21 -> "ppc64";
            case 22 -> "s390";
            case 8 -> "mips";
            default -> "machine type " + machine;
        };
    }
}
