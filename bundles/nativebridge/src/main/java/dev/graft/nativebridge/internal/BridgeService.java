package dev.graft.nativebridge.internal;

import dev.graft.api.nativebridge.NativeBridge;
import dev.graft.api.nativebridge.dto.NativeLibraryDTO;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * {@link NativeBridge} for one bundle (a bundle-scoped service): the interfaces a bundle binds are
 * forgotten when it releases the service (it stopped), so no version check keeps asking for its
 * symbols and no library version keeps its classes reachable.
 */
@Component(service = NativeBridge.class, scope = ServiceScope.BUNDLE)
public final class BridgeService implements NativeBridge {

    private final NativeRegistry registry;
    private final Bundle user;

    @Activate
    public BridgeService(@Reference NativeRegistry registry, ComponentContext context) {
        this.registry = registry;
        this.user = context.getUsingBundle();
    }

    @Deactivate
    void deactivate() {
        if (user != null) {
            registry.unbind(user.getBundleId());
        }
    }

    @Override
    public <T> T bind(String library, Class<T> functions) {
        return registry.bind(library, functions, user == null ? -1 : user.getBundleId(),
                user == null ? null : user.getSymbolicName() + "/" + user.getVersion());
    }

    @Override
    public List<NativeLibraryDTO> libraries() {
        return registry.libraries();
    }

    @Override
    public NativeLibraryDTO reload(String library) {
        return registry.reload(library);
    }

    @Override
    public Object call(String library, String function, Class<?> returnType, Object... args) {
        return registry.call(library, function, returnType, args);
    }
}
