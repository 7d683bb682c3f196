package dev.streamcart.analytics.sales;

import java.util.List;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.order.OrderEvent;

/** Generated shop traffic: order events and click events, each in the order they are sent. */
record ShopActivity(List<OrderEvent> orders, List<ClickEvent> clicks) {}
