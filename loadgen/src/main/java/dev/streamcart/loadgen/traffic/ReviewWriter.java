package dev.streamcart.loadgen.traffic;

import java.util.List;
import java.util.random.RandomGenerator;

import dev.streamcart.apiclient.Requests.NewReview;

/**
 * What a buyer writes about a product: 1 to 5 stars skewed positive (as real shop reviews are),
 * with a title and a text that match the stars.
 */
final class ReviewWriter {

    /** Chances of 1, 2, 3, 4 and 5 stars. */
    static final double[] STAR_WEIGHTS = {0.05, 0.07, 0.13, 0.30, 0.45};

    private static final List<List<String>> TITLES = List.of(
            List.of("Disappointed", "Would not buy again", "Not as described"),
            List.of("Meh", "Below expectations", "Could be better"),
            List.of("It's okay", "Does the job", "Average"),
            List.of("Very good", "Happy with it", "Solid purchase"),
            List.of("Love it!", "Excellent", "Exactly what I wanted"));

    private static final List<List<String>> TEXTS = List.of(
            List.of("Stopped working after a week.", "The quality is much lower than the pictures suggest."),
            List.of("Arrived fine but feels cheap.", "Works, but I expected more for the price."),
            List.of("Nothing special, but it does what it should.", "Fine for the price."),
            List.of("Good quality and arrived quickly.", "Works well; one small niggle with the packaging."),
            List.of("Great quality, fast delivery, would buy again.", "Better than expected. Highly recommended."));

    NewReview next(RandomGenerator random) {
        int stars = stars(random);
        List<String> titles = TITLES.get(stars - 1);
        List<String> texts = TEXTS.get(stars - 1);
        return new NewReview(stars, titles.get(random.nextInt(titles.size())), texts.get(random.nextInt(texts.size())));
    }

    static int stars(RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < STAR_WEIGHTS.length - 1; i++) {
            cumulative += STAR_WEIGHTS[i];
            if (u < cumulative) {
                return i + 1;
            }
        }
        return STAR_WEIGHTS.length;
    }
}
