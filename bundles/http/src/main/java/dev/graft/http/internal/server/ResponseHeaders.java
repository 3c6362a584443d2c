package dev.graft.http.internal.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Response header fields by name, without Jetty's per-call look-up of the name among its known
 * headers: routes and middleware set the same few names on every request. A value set again and
 * again (a route's {@code Graft-Module}, a {@code Content-Type}) is encoded once, so that writing
 * the response copies its bytes instead of checking it character by character.
 */
final class ResponseHeaders {

    private static final int MOST_NAMES = 1024; // names come from code, not from clients; bounded all the same
    private static final Map<String, Name> KNOWN = new ConcurrentHashMap<>();

    private ResponseHeaders() {}

    static HttpField field(String name, String value) {
        Name known = KNOWN.get(name);
        if (known == null) {
            known = new Name(HttpHeader.CACHE.get(name));
            if (KNOWN.size() < MOST_NAMES) {
                KNOWN.put(name, known);
            }
        }
        return known.field(name, value);
    }

    /** What is known of one header name: Jetty's constant for it, and its last value. */
    static final class Name {
        // a name whose value changes this often (a request id) is not followed further: no shared write per request
        static final int MOST_CHANGES = 64;

        /** A value, and once it came twice in a row, its encoded field. */
        private record Last(String value, HttpField encoded) {}

        private final HttpHeader header;
        private volatile Last last;
        private volatile int changes; // racy increments: an approximate count is enough

        Name(HttpHeader header) {
            this.header = header;
        }

        HttpField field(String name, String value) {
            Last seen = last;
            if (seen != null && seen.value().equals(value)) {
                if (seen.encoded() != null) {
                    return seen.encoded();
                }
                if (printable(name, value)) {
                    HttpField encoded = new PreEncodedHttpField(header, name, value);
                    last = new Last(value, encoded);
                    return encoded;
                }
            } else if (changes < MOST_CHANGES) {
                changes++;
                last = new Last(value, null);
            }
            return new HttpField(header, name, value);
        }

        // only what Jetty would send unchanged is encoded ahead: Jetty replaces control characters
        // (CR, LF …) when it writes a field, and an encoded field is copied as it is
        private static boolean printable(String name, String value) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == ':') {
                    return false;
                }
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < ' ' && c != '\t') || c >= 0x7f) {
                    return false;
                }
            }
            return true;
        }
    }
}
