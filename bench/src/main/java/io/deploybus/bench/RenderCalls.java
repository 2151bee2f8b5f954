package io.deploybus.bench;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Render API calls the emulator logged ({@code GET /_emulator/requests}), summed up: by kind
 * (method and path with the ids taken out), 429s, and each service's first trigger.
 *
 * @param total      every logged {@code /v1} request
 * @param reads      the GETs among them: Render allows 400 a minute per key
 * @param tooMany    answered 429
 * @param unanswered logged with status 0 (dropped or still running when the log was read)
 * @param byKind     count per kind, such as {@code GET /v1/services/{id}/deploys/{id}}
 * @param firstTrigger per service, the emulator's time of its first accepted {@code POST …/deploys}
 */
record RenderCalls(int total, int reads, int tooMany, int unanswered, Map<String, Integer> byKind,
                   Map<String, Instant> firstTrigger) {

    private static final Pattern IDS = Pattern.compile("(srv|dep|evt|evg|tea)-[a-z0-9]{20}");
    private static final Pattern TRIGGER = Pattern.compile("^/v1/services/(srv-[a-z0-9]{20})/deploys/?$");

    static RenderCalls of(List<Map<String, Object>> log) {
        int reads = 0;
        int tooMany = 0;
        int unanswered = 0;
        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, Instant> firstTrigger = new HashMap<>();
        for (Map<String, Object> request : log) {
            String method = String.valueOf(request.get("method"));
            String path = String.valueOf(request.get("path"));
            int status = request.get("status") instanceof Number n ? n.intValue() : 0;
            reads += method.equals("GET") ? 1 : 0;
            tooMany += status == 429 ? 1 : 0;
            unanswered += status == 0 ? 1 : 0;
            byKind.merge(method + " " + IDS.matcher(path).replaceAll("{id}"), 1, Integer::sum);
            Matcher trigger = TRIGGER.matcher(path);
            if (method.equals("POST") && trigger.matches() && status >= 200 && status < 300) {
                firstTrigger.merge(trigger.group(1), Instant.parse(String.valueOf(request.get("time"))),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return new RenderCalls(log.size(), reads, tooMany, unanswered, byKind, firstTrigger);
    }
}
