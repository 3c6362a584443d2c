package dev.graft.examples.whiteboard;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** Whiteboard resources: the bundle's {@code /static} folder under {@code /wb/static/*}. */
@Component(service = StaticResources.class)
@HttpWhiteboardResource(pattern = "/wb/static/*", prefix = "/static")
public class StaticResources {
}
