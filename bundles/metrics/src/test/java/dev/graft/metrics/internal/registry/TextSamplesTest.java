package dev.graft.metrics.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.api.metrics.SampleDTO;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextSamplesTest {

    @Test
    void readsNamesEscapedLabelsAndSpecialValues() {
        List<SampleDTO> samples = TextSamples.parse("# HELP a_total x\n# TYPE a_total counter\n"
                + "a_total{path=\"/a\\\"b\",le=\"+Inf\"} 3.0\nb 1.5E-4\nc NaN\n");
        assertEquals(3, samples.size());
        assertEquals("a_total", samples.get(0).name);
        assertEquals(Map.of("path", "/a\"b", "le", "+Inf"), samples.get(0).labels);
        assertEquals(3.0, samples.get(0).value);
        assertEquals(1.5E-4, samples.get(1).value);
        assertEquals(Double.NaN, samples.get(2).value);
    }
}
