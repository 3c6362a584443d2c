package dev.graft.bench.plain;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The same body as hello's GET /hello, from a servlet straight on the whiteboard. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/plain")
public class PlainServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = "hello from 1.0.0".getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
