package dev.streamcart.inventory.stock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.streamcart.inventory.alerts.AlertState;
import dev.streamcart.inventory.alerts.StockCondition;
import dev.streamcart.inventory.velocity.SalesHistory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Serde of the internal {@link ProductStock} state (not an event, so no registry). Every input
 * record reads and writes one state value, so its cost bounds the topology's throughput: the
 * state is written in a compact binary layout behind a format byte. State written by earlier
 * versions as JSON (it starts with '{') is still read, so a running store and its changelog
 * upgrade in place: each product moves to the binary layout at its next change.
 */
public final class ProductStockSerde implements Serde<ProductStock> {

    /** First byte of the binary layout; JSON state starts with '{' instead. */
    static final byte BINARY_V1 = 1;

    private static final byte JSON_OBJECT = '{';
    private static final ObjectMapper LEGACY_JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public Serializer<ProductStock> serializer() {
        return (topic, stock) -> stock == null ? null : write(stock);
    }

    @Override
    public Deserializer<ProductStock> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                if (bytes.length > 0 && bytes[0] == BINARY_V1) {
                    return read(bytes);
                }
                if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
                    return LEGACY_JSON.readValue(bytes, ProductStock.class);
                }
                throw new SerializationException("unknown product stock format " + (bytes.length == 0 ? "(empty)" : bytes[0]));
            } catch (IOException e) {
                throw new SerializationException("cannot read product stock from " + topic, e);
            }
        };
    }

    private static byte[] write(ProductStock stock) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + 40 * stock.warehouses().size()
                + 12 * stock.sales().unitsByHour().size());
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(BINARY_V1);
            out.writeLong(stock.productId());
            out.writeInt(stock.warehouses().size());
            for (WarehouseEntry entry : stock.warehouses().values()) {
                out.writeLong(entry.warehouseId());
                out.writeInt(entry.onHand());
                out.writeInt(entry.reserved());
                out.writeInt(entry.lowStockThreshold());
                out.writeInt(entry.reorderPoint());
                out.writeLong(entry.sourceLsn());
                out.writeBoolean(entry.deleted());
            }
            writeInstant(out, stock.updatedAt());
            out.writeInt(stock.sales().unitsByHour().size());
            for (Map.Entry<Long, Integer> hour : stock.sales().unitsByHour().entrySet()) {
                out.writeLong(hour.getKey());
                out.writeInt(hour.getValue());
            }
            writeOptionalInstant(out, stock.sales().since());
            out.writeUTF(stock.alerts().condition().name());
            out.writeBoolean(stock.alerts().reorderRaised());
            writeOptionalInstant(out, stock.velocityAsOf());
        } catch (IOException e) {
            throw new SerializationException("cannot write stock of product " + stock.productId(), e);
        }
        return buffer.toByteArray();
    }

    private static ProductStock read(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            long productId = in.readLong();
            int warehouseCount = in.readInt();
            SortedMap<Long, WarehouseEntry> warehouses = new TreeMap<>();
            for (int i = 0; i < warehouseCount; i++) {
                WarehouseEntry entry = new WarehouseEntry(in.readLong(), in.readInt(), in.readInt(), in.readInt(),
                        in.readInt(), in.readLong(), in.readBoolean());
                warehouses.put(entry.warehouseId(), entry);
            }
            Instant updatedAt = readInstant(in);
            int hourCount = in.readInt();
            SortedMap<Long, Integer> unitsByHour = new TreeMap<>();
            for (int i = 0; i < hourCount; i++) {
                unitsByHour.put(in.readLong(), in.readInt());
            }
            SalesHistory sales = new SalesHistory(unitsByHour, readOptionalInstant(in));
            AlertState alerts = new AlertState(StockCondition.valueOf(in.readUTF()), in.readBoolean());
            return new ProductStock(productId, warehouses, updatedAt, sales, alerts, readOptionalInstant(in));
        }
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static void writeOptionalInstant(DataOutputStream out, @Nullable Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            writeInstant(out, instant);
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static @Nullable Instant readOptionalInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? readInstant(in) : null;
    }
}
