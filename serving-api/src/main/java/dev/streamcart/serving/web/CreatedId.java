package dev.streamcart.serving.web;

/** The body of a 201 for a created resource: {@code {"id": 42}}. */
public record CreatedId(long id) {}
