import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Copies a bundle with another Bundle-Version, for benchmarks that need many versions of one
 * module (1.0.1, 1.0.2 …):
 *
 *   java bench/tools/Reversion.java hello.jar 1.0.7 hello-1.0.7.jar
 */
public class Reversion {

    public static void main(String[] args) throws Exception {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(Path.of(args[0])))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), args[1]);
            try (OutputStream file = Files.newOutputStream(Path.of(args[2]));
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }
}
