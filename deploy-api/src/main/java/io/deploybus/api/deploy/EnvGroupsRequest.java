package io.deploybus.api.deploy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.deploybus.api.problem.FieldProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The {@code envGroups} member, as sent: Render env groups to link to the service and to unlink from it. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record EnvGroupsRequest(@Nullable List<String> link, @Nullable List<String> unlink) {

    static final int MAX_GROUPS = 20;

    private static final Pattern ENV_GROUP_ID = Pattern.compile("evg-[a-z0-9]{1,60}");

    /** The changes asked for; what is wrong is added to {@code problems}. */
    EnvGroupChanges toChanges(List<FieldProblem> problems) {
        List<String> links = checked("link", link, problems);
        List<String> unlinks = checked("unlink", unlink, problems);
        for (int i = 0; i < unlinks.size(); i++) {
            if (links.contains(unlinks.get(i))) {
                problems.add(FieldProblem.body("envGroups/unlink/" + i,
                        unlinks.get(i) + " cannot be both linked and unlinked"));
            }
        }
        return new EnvGroupChanges(links, unlinks);
    }

    private static List<String> checked(String name, @Nullable List<String> ids, List<FieldProblem> problems) {
        if (ids == null) {
            return List.of();
        }
        String member = "envGroups/" + name;
        if (ids.size() > MAX_GROUPS) {
            problems.add(FieldProblem.body(member, "must have at most " + MAX_GROUPS + " entries"));
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !ENV_GROUP_ID.matcher(id).matches()) {
                problems.add(FieldProblem.body(member + "/" + i,
                        "must be a Render env group id: 'evg-' followed by lowercase letters and digits"));
            } else if (!seen.add(id)) {
                problems.add(FieldProblem.body(member + "/" + i, id + " is listed twice"));
            }
        }
        return ids.stream().filter(Objects::nonNull).distinct().toList();
    }
}
