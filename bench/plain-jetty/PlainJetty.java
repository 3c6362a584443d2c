import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The baseline: a plain Jetty 12 servlet answering GET /hello with the body Graft's hello module
 * sends, on loopback. Configured as Felix HTTP configures Jetty (one acceptor, one selector).
 *
 *   java -cp 'bench/plain-jetty/target/lib/*' bench/plain-jetty/PlainJetty.java 18081
 */
public class PlainJetty {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
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
        System.out.println("plain Jetty on " + args[0]);
        server.join();
    }
}
