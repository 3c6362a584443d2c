package dev.graft.http.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

    @Test
    void aValueSetAgainIsEncodedOnceAndWrittenAsItIs() {
        ResponseHeaders.Name name = new ResponseHeaders.Name(null);
        HttpField first = name.field("Graft-Module", "dev.graft.examples.hello/1.0.0");
        assertFalse(first instanceof PreEncodedHttpField);
        HttpField second = name.field("Graft-Module", "dev.graft.examples.hello/1.0.0");
        PreEncodedHttpField encoded = assertInstanceOf(PreEncodedHttpField.class, second);
        assertSame(second, name.field("Graft-Module", "dev.graft.examples.hello/1.0.0"));
        assertEquals("Graft-Module: dev.graft.examples.hello/1.0.0\r\n", http1(encoded));
        assertEquals("dev.graft.examples.hello/1.0.0", second.getValue());
    }

    @Test
    void aKnownHeaderKeepsJettysConstant() {
        ResponseHeaders.Name name = new ResponseHeaders.Name(HttpHeader.CONTENT_TYPE);
        name.field("Content-Type", "text/plain; charset=UTF-8");
        HttpField second = name.field("Content-Type", "text/plain; charset=UTF-8");
        assertInstanceOf(PreEncodedHttpField.class, second);
        assertSame(HttpHeader.CONTENT_TYPE, second.getHeader());
    }

    @Test
    void aValueWithLineBreaksIsNeverEncodedAhead() {
        ResponseHeaders.Name name = new ResponseHeaders.Name(null);
        for (int i = 0; i < 3; i++) {
            HttpField field = name.field("X-Note", "a\r\nSet-Cookie: b");
            assertFalse(field instanceof PreEncodedHttpField); // Jetty sanitises it when it writes it
        }
    }

    @Test
    void aValueThatChangesEveryTimeIsNoLongerFollowed() {
        ResponseHeaders.Name name = new ResponseHeaders.Name(null);
        for (int i = 0; i < 10 * ResponseHeaders.Name.MOST_CHANGES; i++) {
            HttpField field = name.field("X-Request-Id", "id-" + i);
            assertFalse(field instanceof PreEncodedHttpField);
            assertEquals("id-" + i, field.getValue());
        }
    }

    private static String http1(PreEncodedHttpField field) {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        field.putTo(buffer, HttpVersion.HTTP_1_1);
        buffer.flip();
        return StandardCharsets.ISO_8859_1.decode(buffer).toString();
    }
}
