package dev.graft.http.internal.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Response header fields by name, without Jetty's per-call look-up of the name among its known
 * headers: routes and middleware set the same few names on every request.
 */
final class ResponseHeaders {

    private static final int MOST_NAMES = 1024; // names come from code, not from clients; bounded all the same
    private static final Map<String, Optional<HttpHeader>> KNOWN = new ConcurrentHashMap<>();

    private ResponseHeaders() {}

    static HttpField field(String name, String value) {
        Optional<HttpHeader> header = KNOWN.get(name);
        if (header == null) {
            header = Optional.ofNullable(HttpHeader.CACHE.get(name));
            if (KNOWN.size() < MOST_NAMES) {
                KNOWN.put(name, header);
            }
        }
        return header.isPresent() ? new HttpField(header.get(), name, value) : new HttpField((HttpHeader) null, name, value);
    }
}
