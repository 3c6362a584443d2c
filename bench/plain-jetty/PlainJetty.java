import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A baseline of bench/throughput.sh: a plain Jetty 12 servlet answering GET /hello with the body
 * Graft's hello module sends. The Jetty version is Graft's (the root pom's jetty.version).
 *
 * <p>The server is set up as Graft's own (bundles/http, GraftServer with its default settings):
 * QueuedThreadPool(200), one ServerConnector with Jetty's default acceptors and selectors, an
 * HttpConfiguration with sendServerVersion=false and 16 KiB of request headers, 30 s idle timeout,
 * every interface. What Graft adds on top — its connection limit, header deadline, body size limit,
 * error handler and the router — is part of what the comparison measures, so it is not here.
 *
 *   mvn -q -f bench/plain-jetty/pom.xml dependency:copy-dependencies -DoutputDirectory=target/lib
 *   java -cp 'bench/plain-jetty/target/lib/*' bench/plain-jetty/PlainJetty.java 18081
 */
public class PlainJetty {

    public static void main(String[] args) throws Exception {
        Server server = new Server(new QueuedThreadPool(200));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(Integer.parseInt(args[0]));
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new HttpServlet() {
            private final byte[] body = "hello from 1.0.0".getBytes(StandardCharsets.UTF_8);

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain; charset=UTF-8");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
        }, "/hello");
        server.setHandler(context);
        server.start();
        System.out.println("plain Jetty " + Server.getVersion() + " servlet on " + connector.getLocalPort());
        server.join();
    }
}
