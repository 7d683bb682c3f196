package dev.streamcart.inventory.stock;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of the internal {@link ProductStock} state. Internal state is not an event, so it
 * needs no registry; unknown fields are ignored so a newer version can add some.
 */
public final class ProductStockSerde implements Serde<ProductStock> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public Serializer<ProductStock> serializer() {
        return (topic, stock) -> {
            if (stock == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(stock);
            } catch (IOException e) {
                throw new SerializationException("cannot write stock of product " + stock.productId(), e);
            }
        };
    }

    @Override
    public Deserializer<ProductStock> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, ProductStock.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read product stock from " + topic, e);
            }
        };
    }
}
