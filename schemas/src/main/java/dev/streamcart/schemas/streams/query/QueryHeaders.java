package dev.streamcart.schemas.streams.query;

/** The header names and media types of the interactive-query protocol, shared by servers and clients. */
public final class QueryHeaders {

    /** {@code host:port} of the instance whose store produced the answer (not the one that forwarded it). */
    public static final String SERVED_BY = "X-Served-By";
    /**
     * Marks a request one instance already forwarded to the owner; its value is the forwarder's
     * {@code host:port}. A marked request is never forwarded again.
     */
    public static final String FORWARDED_BY = "X-Forwarded-By-Instance";
    /**
     * {@code true} on an answer read from a standby copy while the key's owner could not be reached
     * (between an instance's death and the rebalance that hands its partitions over). Absent otherwise.
     */
    public static final String POSSIBLY_STALE = "X-Possibly-Stale";
    /** Ask for this in {@code Accept} to get plain Avro binary (no Confluent header) instead of JSON. */
    public static final String AVRO_BINARY = "avro/binary";
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private QueryHeaders() {}
}
