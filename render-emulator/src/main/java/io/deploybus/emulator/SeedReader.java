package io.deploybus.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

/**
 * Reads {@code emulator.seed-file} into services, with Render's defaults filled in, and refuses a
 * seed it cannot honour with a message naming the file and the entry.
 */
@Singleton
final class SeedReader {

    static final String DEFAULT_OWNER = "tea-emuteam0000000000001";

    private static final Pattern SERVICE_ID = Pattern.compile("^srv-[a-z0-9]{20}$");
    private static final Pattern ENV_GROUP_ID = Pattern.compile("^evg-[a-z0-9]{20}$");
    private static final Pattern OWNER_ID = Pattern.compile("^(tea|usr)-[a-z0-9]{20}$");

    private final ResourceResolver resources;
    private final ObjectMapper objectMapper;
    private final String location;

    SeedReader(ResourceResolver resources, ObjectMapper objectMapper, EmulatorConfiguration configuration) {
        this.resources = resources;
        this.objectMapper = objectMapper;
        String file = configuration.seedFile();
        this.location = file.startsWith("classpath:") || file.startsWith("file:") ? file : "file:" + file;
    }

    /**
     * The seeded services, in file order; the first one is the newest (created an hour before
     * {@code now}, each next one an hour earlier), so that Render's newest-first lists keep file order.
     */
    Seed read(Instant now) {
        return read(parse(), now);
    }

    /** A seed given as data, e.g. through the control API, checked as a file would be. */
    Seed read(SeedFile seed, Instant now) {
        String ownerId = seed.ownerId() == null ? DEFAULT_OWNER : seed.ownerId();
        check(OWNER_ID.matcher(ownerId).matches(), "ownerId '" + ownerId + "' is not a Render owner id (tea-/usr- and 20 characters)");
        List<SeedFile.Service> entries = seed.services() == null ? List.of() : seed.services();
        List<EmulatedService> services = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Instant createdAt = now.minus(Duration.ofHours(i + 1L));
            EmulatedService service = toService(entries.get(i), "services[" + i + "]", ownerId, createdAt);
            check(ids.add(service.id()), "services[" + i + "]: id " + service.id() + " appears twice");
            services.add(service);
        }
        List<EnvGroups.Group> groups = new ArrayList<>();
        List<SeedFile.EnvGroup> groupEntries = seed.envGroups() == null ? List.of() : seed.envGroups();
        for (int i = 0; i < groupEntries.size(); i++) {
            groups.add(toGroup(groupEntries.get(i), "envGroups[" + i + "]", ownerId, ids, now.minus(Duration.ofHours(i + 1L))));
        }
        Map<String, Map<String, String>> envVars = new LinkedHashMap<>();
        for (SeedFile.Service entry : entries) {
            envVars.put(entry.id(), entry.envVars() == null ? Map.of() : new LinkedHashMap<>(entry.envVars()));
        }
        return new Seed(ownerId, List.copyOf(services), List.copyOf(groups), envVars);
    }

    private EnvGroups.Group toGroup(SeedFile.EnvGroup entry, String where, String ownerId, Set<String> serviceIds,
                                    Instant createdAt) {
        check(entry.id() != null && ENV_GROUP_ID.matcher(entry.id()).matches(),
                where + ": id '" + entry.id() + "' is not a Render env group id (evg- and 20 characters [a-z0-9])");
        check(entry.name() != null && !entry.name().isBlank(), where + ": name is missing");
        List<String> links = entry.serviceIds() == null ? List.of() : entry.serviceIds();
        links.forEach(id -> check(serviceIds.contains(id), where + ": serviceIds names " + id + ", which is not seeded"));
        return new EnvGroups.Group(entry.id(), entry.name(), ownerId, createdAt, createdAt,
                entry.envVars() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(entry.envVars()),
                new ArrayList<>(links));
    }

    /** What the emulator starts from. */
    record Seed(String ownerId, List<EmulatedService> services, List<EnvGroups.Group> envGroups,
                Map<String, Map<String, String>> envVars) {
    }

    private SeedFile parse() {
        try (InputStream in = resources.getResourceAsStream(location)
                .orElseThrow(() -> invalid("the file does not exist"))) {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return objectMapper.readValue(objectMapper.writeValueAsBytes(tree), SeedFile.class);
        } catch (IOException | RuntimeException e) {
            throw e instanceof SeedException seedException ? seedException : invalid(e.getMessage(), e);
        }
    }

    private EmulatedService toService(SeedFile.Service entry, String where, String ownerId, Instant createdAt) {
        check(entry.id() != null && SERVICE_ID.matcher(entry.id()).matches(),
                where + ": id '" + entry.id() + "' is not a Render service id (srv- and 20 characters [a-z0-9])");
        check(entry.name() != null && !entry.name().isBlank(), where + ": name is missing");
        String type = Objects.requireNonNullElse(entry.type(), "web_service");
        check(type.equals("web_service"), where + ": type '" + type + "': only web_service is emulated so far");
        boolean image = entry.image() != null;
        check(!(image && (entry.repo() != null || entry.branch() != null)), where + ": set either image or repo/branch");
        DeployOutcome outcome = outcome(entry, where);
        check(!(image && outcome == DeployOutcome.BUILD_FAILED), where + ": an image-backed service has no build to fail");
        return new EmulatedService(entry.id(), entry.name(), type, ownerId,
                image ? null : Objects.requireNonNullElse(entry.repo(), "https://github.com/deploybus-demo/" + entry.name()),
                image ? null : Objects.requireNonNullElse(entry.branch(), "main"),
                entry.image(),
                image ? "image" : Objects.requireNonNullElse(entry.runtime(), "node"),
                Objects.requireNonNullElse(entry.region(), "oregon"),
                Objects.requireNonNullElse(entry.plan(), "starter"),
                Objects.requireNonNullElse(entry.healthCheckPath(), "/healthz"),
                Objects.requireNonNullElse(entry.url(), "https://" + entry.name() + ".onrender.com"),
                Boolean.TRUE.equals(entry.suspended()), createdAt, createdAt, outcome, !image,
                Objects.requireNonNullElse(entry.numInstances(), 1));
    }

    private DeployOutcome outcome(SeedFile.Service entry, String where) {
        try {
            return entry.deployOutcome() == null ? DeployOutcome.LIVE : DeployOutcome.parse(entry.deployOutcome());
        } catch (IllegalArgumentException e) {
            throw invalid(where + ": deployOutcome " + e.getMessage());
        }
    }

    private void check(boolean condition, String problem) {
        if (!condition) {
            throw invalid(problem);
        }
    }

    private SeedException invalid(String problem) {
        return invalid(problem, null);
    }

    private SeedException invalid(String problem, Throwable cause) {
        return new SeedException("emulator.seed-file " + location + ": " + problem, cause);
    }

    /** A seed file the emulator cannot start from. */
    static final class SeedException extends RuntimeException {
        SeedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
