package dev.graft.deploy.internal.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnresolvedTest {

    @Test
    void rangesAreWrittenAsOsgiWritesThem() {
        assertEquals("[1.0.0,2.0.0)", Unresolved.range("(&(osgi.wiring.package=a.b)(version>=1.0.0)(!(version>=2.0.0)))"));
        assertEquals("[1.2.0,∞)", Unresolved.range("(&(osgi.wiring.package=a.b)(version>=1.2.0))"));
        assertEquals("(any version)", Unresolved.range("(osgi.wiring.package=a.b)"));
        assertEquals("(1.0.0,1.5.0]", Unresolved.range("(&(osgi.wiring.package=a.b)(!(version<=1.0.0))(version<=1.5.0))"));
    }
}
