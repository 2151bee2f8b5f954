package io.deploybus.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedReaderTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shippedSeedHasTheDocumentedServicesFirstInFileIsNewest() {
        var services = SeededServices.reader("classpath:seed/services.yml").read(NOW).services();

        assertThat(services).extracting(EmulatedService::id).containsExactlyElementsOf(SeededServices.ALL_NEWEST_FIRST);
        assertThat(services.getFirst().createdAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(services).filteredOn(service -> service.deployOutcome() != DeployOutcome.LIVE)
                .extracting(EmulatedService::id, EmulatedService::deployOutcome)
                .containsExactly(tuple(SeededServices.BROKEN_BUILD, DeployOutcome.BUILD_FAILED));
        assertThat(services).filteredOn(EmulatedService::suspended).extracting(EmulatedService::id)
                .containsExactly(SeededServices.SUSPENDED);
    }

    @Test
    void omittedFieldsGetRendersDefaults() throws IOException {
        var service = read("""
                services:
                  - id: srv-aaaaaaaaaaaaaaaaaaaa
                    name: api
                """).getFirst();

        assertThat(service.type()).isEqualTo("web_service");
        assertThat(service.ownerId()).isEqualTo(SeedReader.DEFAULT_OWNER);
        assertThat(service.branch()).isEqualTo("main");
        assertThat(service.region()).isEqualTo("oregon");
        assertThat(service.healthCheckPath()).isEqualTo("/healthz");
        assertThat(service.url()).isEqualTo("https://api.onrender.com");
        assertThat(service.deployOutcome()).isEqualTo(DeployOutcome.LIVE);
        assertThat(service.isImageBacked()).isFalse();
    }

    @Test
    void jsonSeedIsReadToo() throws IOException {
        var services = read("{\"services\": [{\"id\": \"srv-aaaaaaaaaaaaaaaaaaaa\", \"name\": \"api\", "
                + "\"image\": \"docker.io/library/nginx:1\", \"deployOutcome\": \"update_failed\"}]}");

        assertThat(services.getFirst().isImageBacked()).isTrue();
        assertThat(services.getFirst().deployOutcome()).isEqualTo(DeployOutcome.UPDATE_FAILED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'- {id: srv-short, name: a}'                                                  | services[0]: id 'srv-short'",
            "'- {id: srv-aaaaaaaaaaaaaaaaaaaa}'                                            | name is missing",
            "'- {id: srv-aaaaaaaaaaaaaaaaaaaa, name: a, deployOutcome: explode}'           | 'explode' is not one of live, build_failed, update_failed",
            "'- {id: srv-aaaaaaaaaaaaaaaaaaaa, name: a, type: cron_job}'                   | only web_service",
            "'- {id: srv-aaaaaaaaaaaaaaaaaaaa, name: a, image: x, deployOutcome: build_failed}' | no build to fail",
            "'- {id: srv-aaaaaaaaaaaaaaaaaaaa, name: a}\n  - {id: srv-aaaaaaaaaaaaaaaaaaaa, name: b}' | appears twice"})
    void seedTheEmulatorCannotHonourFailsNamingTheFileAndTheEntry(String services, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("seed.yml"), "services:\n  " + services + "\n");

        assertThatThrownBy(() -> SeededServices.reader(file.toString()).read(NOW))
                .isInstanceOf(SeedReader.SeedException.class)
                .hasMessageContaining("emulator.seed-file file:" + file)
                .hasMessageContaining(problem);
    }

    @Test
    void missingSeedFileFailsNamingIt() {
        assertThatThrownBy(() -> SeededServices.reader("classpath:seed/nothing-here.yml").read(NOW))
                .isInstanceOf(SeedReader.SeedException.class)
                .hasMessageContaining("emulator.seed-file classpath:seed/nothing-here.yml: the file does not exist");
    }

    private List<EmulatedService> read(String seed) throws IOException {
        Path file = Files.writeString(dir.resolve("seed.yml"), seed);
        return SeededServices.reader("file:" + file).read(NOW).services();
    }
}
