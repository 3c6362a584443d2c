package dev.graft.examples.whiteboard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/** A whiteboard filter on every path: marks the responses it sees with {@code X-Whiteboard-Filter}. */
@Component(service = Filter.class)
@HttpWhiteboardFilterPattern("/*")
public class MarkFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ((HttpServletResponse) response).setHeader("X-Whiteboard-Filter", "seen");
        chain.doFilter(request, response);
    }
}
