package dev.streamcart.serving.users;

import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.web.CreatedId;
import dev.streamcart.serving.web.JsonBody;
import io.javalin.http.Context;

/** HTTP handlers of {@code /api/users}. The password goes to the hasher and nowhere else. */
public final class UserEndpoints {

    private final ObjectMapper json;
    private final UserRegistration registration;

    public UserEndpoints(ObjectMapper json, UserRegistration registration) {
        this.json = Objects.requireNonNull(json, "json");
        this.registration = Objects.requireNonNull(registration, "registration");
    }

    public void register(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        long id = registration.register(new UserRegistration.NewUser(
                new EmailAddress(body.requiredText("email", 255)),
                body.requiredSecret("password", 200),
                body.requiredText("firstName", 100),
                body.requiredText("lastName", 100)));
        ctx.status(201).json(new CreatedId(id));
    }
}
