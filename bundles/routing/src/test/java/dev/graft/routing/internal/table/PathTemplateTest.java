package dev.graft.routing.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void parametersAreNamedSegments() {
        PathTemplate template = PathTemplate.parse("/users/{id}/orders/{order}");
        assertEquals("/users/{}/orders/{}", template.shape());
        assertEquals(Map.of("id", "7", "order", "x"),
                template.parameters(PathTemplate.splitPath("/users/7/orders/x")));
    }

    @Test
    void rootAndEmptySegments() {
        assertEquals("/", PathTemplate.parse("/").shape());
        assertEquals(List.of("a", "b"), PathTemplate.splitPath("//a//b/"));
    }

    @Test
    void badTemplatesAreRejectedWithTheReason() {
        assertEquals("path template 'hello' must start with '/'",
                assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("hello")).getMessage());
        assertEquals("path template '/a/{x}/{x}' names parameter 'x' twice",
                assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{x}/{x}")).getMessage());
        assertEquals("path template '/a/b{x}': segment 'b{x}' must be a literal or a whole {name}",
                assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/b{x}")).getMessage());
        assertEquals("path template '/a/{}' has an empty parameter name",
                assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse(" "));
    }
}
