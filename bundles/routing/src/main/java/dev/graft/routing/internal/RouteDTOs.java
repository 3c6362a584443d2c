package dev.graft.routing.internal;

import dev.graft.api.route.dto.RouteDTO;
import dev.graft.routing.internal.table.RouteEntry;

/** Builds the DTOs the API hands out. */
public final class RouteDTOs {

    private RouteDTOs() {}

    public static RouteDTO of(RouteEntry entry, String state) {
        RouteDTO dto = new RouteDTO();
        dto.method = entry.method();
        dto.path = entry.template().toString();
        dto.module = entry.module();
        dto.version = entry.version().toString();
        dto.state = state;
        dto.serviceId = entry.serviceId();
        dto.inFlight = entry.inFlight().current();
        dto.weight = -1;
        return dto;
    }
}
