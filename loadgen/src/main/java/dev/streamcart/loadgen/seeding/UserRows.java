package dev.streamcart.loadgen.seeding;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/** Writes the seeded customers and their default shipping addresses, in COPY batches. */
final class UserRows {

    private static final int BATCH = 20_000;

    private final SeededUsers users;
    private final RowSink sink;
    private final Instant registeredAt;
    private final String passwordHash;
    private final SeedProgress progress;

    /** {@code passwordHash}: one hash shared by every seeded user, so a seed does not spend hours in bcrypt. */
    UserRows(SeededUsers users, RowSink sink, Instant registeredAt, String passwordHash, SeedProgress progress) {
        this.users = Objects.requireNonNull(users, "users");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.registeredAt = Objects.requireNonNull(registeredAt, "registeredAt");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    void write() throws SQLException {
        CopyText people = userRows();
        CopyText addresses = addressRows();
        for (int u = 0; u < users.users; u++) {
            people.row().add(users.userId(u)).add(users.email(u)).add(passwordHash).add(users.firstName(u))
                    .add(users.lastName(u)).add(true).add("customer").add(registeredAt).add(registeredAt);
            Vocabulary.Country country = users.country(u);
            addresses.row().add(users.addressId(u)).add(users.userId(u)).add("shipping").add(users.firstName(u))
                    .add(users.lastName(u)).add(users.addressLine(u)).add(users.city(u)).add(country.state())
                    .add(users.postalCode(u)).add(country.code()).add(true).add(registeredAt).add(registeredAt);
            if (people.rows() == BATCH) {
                flush(people, addresses);
                people = userRows();
                addresses = addressRows();
            }
        }
        flush(people, addresses);
    }

    private void flush(CopyText people, CopyText addresses) throws SQLException {
        sink.write(people);
        sink.write(addresses);
        progress.rowsWritten(people.rows() + addresses.rows());
    }

    private static CopyText userRows() {
        return new CopyText("users",
                "id, email, password_hash, first_name, last_name, is_email_verified, role, created_at, updated_at");
    }

    private static CopyText addressRows() {
        return new CopyText("user_addresses", "id, user_id, address_type, first_name, last_name, address_line1, city, "
                + "state, postal_code, country, is_default, created_at, updated_at");
    }
}
