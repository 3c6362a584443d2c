package dev.graft.routing.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.graft.api.route.RouteAdmin;
import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.config.SplitPolicies;
import dev.graft.routing.internal.failure.Rejections;
import dev.graft.routing.internal.table.PathTemplate;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteTable;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** setWeights checks what it is asked to split against the routes served now, as the shell shows it. */
class RouteAdminImplTest {

    private final RouteTable table = new RouteTable();
    private final ConfigurationAdmin configurationAdmin = mock(ConfigurationAdmin.class);
    private final RouteAdminImpl admin;
    private long serviceId = 1;

    RouteAdminImplTest() {
        RouteRegistry registry = mock(RouteRegistry.class);
        when(registry.table()).thenReturn(table);
        admin = new RouteAdminImpl(registry, new SplitPolicies(), configurationAdmin, mock(Rejections.class));
        serve("GET", "/hello", "dev.graft.examples.hello", "1.0.0");
        serve("GET", "/hello", "dev.graft.examples.hello", "2.0.0");
        serve("POST", "/echo", "dev.graft.examples.echo", "1.0.0");
    }

    private void serve(String method, String path, String module, String version) {
        table.add(new RouteEntry(method, PathTemplate.parse(path), (request, response) -> {}, module,
                Version.parseVersion(version), serviceId++, 7));
    }

    @Test
    void aSplitOfServedVersionsIsStoredAsACanaryConfiguration() throws Exception {
        Configuration configuration = mock(Configuration.class);
        when(configurationAdmin.getFactoryConfiguration(RouteAdmin.CANARY_FACTORY_PID, "hello", "?")).thenReturn(configuration);
        admin.setWeights("hello", Map.of("1.0.0", 90, "2.0.0", 10), "X-User");

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Dictionary<String, Object>> stored = ArgumentCaptor.forClass(Dictionary.class);
        verify(configuration).update(stored.capture());
        assertEquals("hello", stored.getValue().get("target"));
        assertEquals("1.0.0=90,2.0.0=10", stored.getValue().get("weights"));
        assertEquals("X-User", stored.getValue().get("sticky.header"));
    }

    @Test
    void aRouteIsATargetToo() throws Exception {
        Configuration configuration = mock(Configuration.class);
        when(configurationAdmin.getFactoryConfiguration(eq(RouteAdmin.CANARY_FACTORY_PID), anyString(), eq("?")))
                .thenReturn(configuration);
        admin.setWeights("GET /hello", Map.of("1.0.0", 50, "2.0.0", 50), null);
        verify(configuration).update(any());
    }

    @Test
    void anUnknownTargetNamesTheModulesThatServeRoutes() throws Exception {
        assertEquals("no module or route named 'nosuch'; modules that serve routes: dev.graft.examples.echo,"
                + " dev.graft.examples.hello",
                assertThrows(IllegalArgumentException.class, () -> admin.setWeights("nosuch", Map.of("1.0.0", 50), null))
                        .getMessage());
        verify(configurationAdmin, never()).getFactoryConfiguration(anyString(), anyString(), anyString());
    }

    @Test
    void aVersionTheTargetDoesNotHaveNamesTheVersionsItHas() throws Exception {
        assertEquals("'hello' has no version 9.9.9; its versions: 2.0.0, 1.0.0",
                assertThrows(IllegalArgumentException.class, () -> admin.setWeights("hello", Map.of("9.9.9", 100), null))
                        .getMessage());
        assertEquals("'GET /hello' has no version 3.0.0; its versions: 2.0.0, 1.0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> admin.setWeights("GET /hello", Map.of("1.0.0", 90, "3.0.0", 10), null)).getMessage());
        verify(configurationAdmin, never()).getFactoryConfiguration(anyString(), anyString(), anyString());
    }

    @Test
    void removingACanaryThatDoesNotExistSaysSoAndNamesTheOnesThatDo() throws Exception {
        assertEquals("no canary for 'other'",
                assertThrows(IllegalArgumentException.class, () -> admin.setWeights("other", Map.of(), null)).getMessage());

        Configuration hello = mock(Configuration.class);
        Hashtable<String, Object> properties = new Hashtable<>(Map.of("target", "hello", "weights", "1.0.0=90,2.0.0=10"));
        when(hello.getProperties()).thenReturn(properties);
        when(configurationAdmin.listConfigurations("(service.factoryPid=" + RouteAdmin.CANARY_FACTORY_PID + ")"))
                .thenReturn(new Configuration[] {hello});
        assertEquals("no canary for 'other'; canaries: hello",
                assertThrows(IllegalArgumentException.class, () -> admin.setWeights("other", Map.of(), null)).getMessage());

        when(configurationAdmin.listConfigurations("(&(service.factoryPid=" + RouteAdmin.CANARY_FACTORY_PID + ")(target=hello))"))
                .thenReturn(new Configuration[] {hello});
        admin.setWeights("hello", Map.of(), null);
        verify(hello).delete();
    }
}
