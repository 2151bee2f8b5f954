package io.deploybus.emulator;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/** {@code /v1/services}: the seeded services. Filters ({@code name}, {@code type}, …) are not emulated yet. */
@Controller("/v1/services")
final class ServicesController {

    private final ServiceCatalog catalog;

    ServicesController(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @Get
    List<PageRequest.ServiceItem> list(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        return PageRequest.of(cursor, limit).of(catalog.newestFirst(), EmulatedService::id).stream()
                .map(item -> new PageRequest.ServiceItem(item.cursor(), ServiceResource.of(item.item())))
                .toList();
    }

    @Get("/{serviceId}")
    ServiceResource get(String serviceId) {
        return ServiceResource.of(catalog.service(serviceId));
    }
}
