package io.deploybus.emulator;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/** {@code /v1/owners}: the one workspace the seed names. */
@Controller("/v1/owners")
final class OwnersController {

    private final ServiceCatalog catalog;

    OwnersController(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @Get
    List<Resources.OwnerItem> list(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        return PageRequest.of(cursor, limit).of(List.of(owner()), Resources.Owner::id).stream()
                .map(item -> new Resources.OwnerItem(item.cursor(), item.item())).toList();
    }

    @Get("/{ownerId}")
    Resources.Owner get(String ownerId) {
        Resources.Owner owner = owner();
        if (!owner.id().equals(ownerId)) {
            throw new ResourceNotFoundException(ownerId);
        }
        return owner;
    }

    private Resources.Owner owner() {
        String id = catalog.ownerId();
        return new Resources.Owner(id, "Emulated workspace", "owner@deploybus.invalid", id.startsWith("usr-") ? "user" : "team");
    }
}
