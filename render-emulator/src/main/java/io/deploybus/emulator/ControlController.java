package io.deploybus.emulator;

import java.util.List;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;

/** The emulator's own API, for tests and demos; not Render's, and not behind Render's key. */
@Controller("/_emulator")
final class ControlController {

    private final EmulatorControl control;
    private final RequestLog requests;

    ControlController(EmulatorControl control, RequestLog requests) {
        this.control = control;
        this.requests = requests;
    }

    /** The requests {@code /v1} received, oldest first. */
    @Get("/requests")
    List<RecordedRequest> requests() {
        return requests.all();
    }

    @Post("/reset")
    HttpResponse<Void> reset() {
        control.reset();
        return HttpResponse.noContent();
    }
}
