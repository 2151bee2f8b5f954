package io.deploybus.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.avro.Schema;

/**
 * Every schema version ever released, kept so that consumers can decode anything still on a topic.
 *
 * <p>Released versions live as self-contained {@code .avsc} files under
 * {@code io/deploybus/schemas/released/}, named {@code <Record>.v<n>.avsc}, with
 * {@code versions.properties} naming the newest version of each record. A released file is never
 * edited: a change to a record's schema is released by adding the next version, and
 * {@code SchemaCompatibilityTest} refuses one that readers or writers of an earlier version
 * could not handle.
 */
public final class ReleasedSchemas {

    private static final String DIRECTORY = "/io/deploybus/schemas/released/";
    private static final Properties VERSIONS = load(DIRECTORY + "versions.properties");

    private ReleasedSchemas() {
    }

    /** The released versions of a record, oldest first; empty for a record never released. */
    public static List<Schema> of(String fullName) {
        String simpleName = fullName.substring(fullName.lastIndexOf('.') + 1);
        int newest = Integer.parseInt(VERSIONS.getProperty(simpleName, "0"));
        List<Schema> versions = new ArrayList<>(newest);
        for (int v = 1; v <= newest; v++) {
            versions.add(parse(DIRECTORY + simpleName + ".v" + v + ".avsc"));
        }
        return versions;
    }

    /** The names of every record with at least one released version. */
    public static List<String> recordNames() {
        return VERSIONS.stringPropertyNames().stream().sorted().toList();
    }

    private static Schema parse(String resource) {
        try (InputStream in = open(resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schema " + resource, e);
        }
    }

    private static Properties load(String resource) {
        try (InputStream in = open(resource)) {
            var properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = ReleasedSchemas.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is missing from the schemas jar");
        }
        return in;
    }
}
