package dev.streamcart.loadgen.scale;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one seeded size cost: seeding, the pipeline's absorption per stage, reconciliation, the API's
 * memory and restart, and the read paths' p99 (milliseconds at 4 connections) and throughput.
 *
 * @param label             the size's name (orders, or "large")
 * @param eventsPerSecond   records per second each stage took in, from the end offsets of its inputs
 *                          before and after the seed over the time from the seed's start to its catch-up
 */
record ScaleFigures(String label, long products, long users, long orders, double seedSeconds,
                    double seedRowsPerSecond, PipelineWatch.Absorption absorption, Map<String, Double> eventsPerSecond,
                    double verifySeconds, long verifyMismatches, boolean revenueEqual, long apiRssMegabytes,
                    long apiPeakRssMegabytes, @Nullable Double apiHealthAfterRestartSeconds,
                    Map<String, Double> readP99Millis, Map<String, Double> readRequestsPerSecond,
                    Map<String, Boolean> readGoalMet, double loadAverageStart, double loadAverageEnd) {}
