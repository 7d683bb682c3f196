package dev.streamcart.serving.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies the application role (created by migration V23) for the API's pool, as the owner, at
 * every start: refuses to start when the role is missing or holds more than row rights, and sets
 * its password to {@code postgres.app-password}. Setting it at every start makes configuration
 * the one source of the password: another value in the configuration is the new password at the
 * next start. An empty {@code postgres.app-password} leaves the role's password as it is (for
 * servers that sign local roles in without one, or a password kept by a database administrator).
 */
public final class ApplicationRole {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationRole.class);

    private ApplicationRole() {}

    public static void prepare(DatabaseSettings settings) {
        if (!settings.separateAppRole()) {
            LOG.warn("the API connects as the owner {}: it could change the schema (set postgres.app-user)",
                    settings.user());
            return;
        }
        try (Connection owner = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
            owner.setAutoCommit(false);
            try {
                // Two API instances of one database starting together (--cluster, compose) would both
                // rewrite the role's row, and the second ALTER ROLE fail with "tuple concurrently updated".
                try (PreparedStatement lock = owner.prepareStatement(
                        "SELECT pg_advisory_xact_lock(hashtext('streamcart'), hashtext(?))")) {
                    lock.setString(1, settings.appUser());
                    lock.execute();
                }
                List<String> unfit = unfitness(owner, settings.appUser());
                if (!unfit.isEmpty()) {
                    throw new IllegalStateException("the application role " + settings.appUser() + " "
                            + String.join(", ", unfit) + ": the API connects as a role that may read and write "
                            + "rows and nothing more (postgres.app-user)");
                }
                boolean passwordSet = !settings.appPassword().isEmpty();
                if (passwordSet) {
                    // The driver sends a SCRAM verifier computed here: the password itself never reaches
                    // the server, so no statement log of PostgreSQL can hold it.
                    owner.unwrap(PGConnection.class).alterUserPassword(settings.appUser(),
                            settings.appPassword().toCharArray(), null);
                }
                owner.commit();
                LOG.info("application role {} ready ({})", settings.appUser(),
                        passwordSet ? "password set from postgres.app-password" : "password left as it is");
            } catch (SQLException | RuntimeException e) {
                owner.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ready the application role " + settings.appUser() + " as "
                    + settings.user() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why the role cannot serve as the pool's, each said as a phrase: missing, unable to log in, or
     * able to do more than read and write rows. Empty when it is fit.
     */
    private static List<String> unfitness(Connection owner, String role) throws SQLException {
        try (PreparedStatement select = owner.prepareStatement("""
                SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls, r.rolcanlogin,
                       pg_has_role(r.oid, current_user, 'MEMBER') AS owner_member,
                       (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned_relations
                FROM pg_roles r WHERE r.rolname = ?""")) {
            select.setString(1, role);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return List.of("does not exist (migration V23 creates it under the postgres.app-user of its "
                            + "first run; create it yourself when that name changed later)");
                }
                List<String> unfit = new ArrayList<>();
                flag(unfit, row.getBoolean("rolsuper"), "is a superuser");
                flag(unfit, row.getBoolean("rolcreaterole"), "may create roles");
                flag(unfit, row.getBoolean("rolcreatedb"), "may create databases");
                flag(unfit, row.getBoolean("rolreplication"), "may replicate");
                flag(unfit, row.getBoolean("rolbypassrls"), "bypasses row-level security");
                flag(unfit, !row.getBoolean("rolcanlogin"), "cannot log in");
                flag(unfit, row.getBoolean("owner_member"), "is a member of the owner role");
                flag(unfit, row.getLong("owned_relations") > 0, "owns tables in this database");
                return unfit;
            }
        }
    }

    private static void flag(List<String> unfit, boolean condition, String phrase) {
        if (condition) {
            unfit.add(phrase);
        }
    }
}
