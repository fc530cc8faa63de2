package io.github.bffsuite.samples.product.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The 5,000 products of the suite's sample data contract ({@code docs/sample-data.md}):
 * {@code p-NNNN} is in category {@code CATEGORIES[(NNNN - 1) % 20]}, its other fields are
 * drawn from {@code java.util.Random(7)}, so every start sees the same catalogue.
 */
@Component
public class ProductCatalogue {

	/** The categories, in the order that assigns them to products. */
	public static final List<String> CATEGORIES = List.of("books", "music", "movies", "games", "electronics",
			"computers", "phones", "cameras", "home", "kitchen", "garden", "tools", "toys", "baby", "beauty", "health",
			"sports", "outdoors", "fashion", "grocery");

	/** Number of seeded products. */
	public static final int SIZE = 5000;

	private static final long SEED = 7;

	private static final List<String> ADJECTIVES = List.of("Classic", "Compact", "Deluxe", "Eco", "Essential",
			"Everyday", "Premium", "Pro", "Smart", "Ultra", "Vintage", "Rugged", "Nordic", "Urban", "Mini", "Max",
			"Silent", "Swift", "Bright", "Bold");

	private static final List<List<String>> NOUNS = List.of(List.of("Novel", "Cookbook", "Atlas", "Anthology"),
			List.of("Album", "Vinyl", "Songbook", "Playlist"), List.of("Box Set", "Blu-ray", "Documentary", "Thriller"),
			List.of("Board Game", "Puzzle", "Card Game", "Console Game"),
			List.of("Speaker", "Headphones", "Charger", "Soundbar"), List.of("Laptop", "Monitor", "Keyboard", "Mouse"),
			List.of("Smartphone", "Phone Case", "Screen Guard", "Power Bank"),
			List.of("Camera", "Lens", "Tripod", "Camera Bag"), List.of("Lamp", "Cushion", "Rug", "Clock"),
			List.of("Kettle", "Pan", "Knife Set", "Blender"), List.of("Hose", "Planter", "Shears", "Bird Feeder"),
			List.of("Drill", "Hammer", "Wrench Set", "Toolbox"), List.of("Robot", "Doll", "Building Set", "Kite"),
			List.of("Stroller", "Bottle", "Baby Monitor", "Teether"),
			List.of("Face Cream", "Shampoo", "Perfume", "Lip Balm"),
			List.of("Vitamins", "Thermometer", "First Aid Kit", "Massager"),
			List.of("Football", "Yoga Mat", "Racket", "Dumbbell"),
			List.of("Tent", "Backpack", "Sleeping Bag", "Lantern"), List.of("Jacket", "Sneakers", "Scarf", "Watch"),
			List.of("Coffee", "Tea", "Olive Oil", "Chocolate"));

	private final List<Product> products;

	public ProductCatalogue() {
		this.products = seed();
	}

	private static List<Product> seed() {
		Random random = new Random(SEED);
		List<Product> products = new ArrayList<>(SIZE);
		for (int n = 1; n <= SIZE; n++) {
			int categoryIndex = (n - 1) % CATEGORIES.size();
			String category = CATEGORIES.get(categoryIndex);
			String adjective = ADJECTIVES.get(random.nextInt(ADJECTIVES.size()));
			List<String> nouns = NOUNS.get(categoryIndex);
			String noun = nouns.get(random.nextInt(nouns.size()));
			int priceCents = (random.nextInt(500) + 1) * 100 - 1;
			int stock = random.nextInt(250);
			String name = adjective + " " + noun;
			String description = "A " + adjective.toLowerCase(Locale.ROOT) + " " + noun.toLowerCase(Locale.ROOT)
					+ " from our " + category + " range.";
			products.add(new Product(id(n), name, category, priceCents, "EUR", stock, description));
		}
		return List.copyOf(products);
	}

	/**
	 * Return the id of the product with the given number.
	 * @param number the number, from 1
	 * @return the id, such as {@code p-0001}
	 */
	public static String id(int number) {
		return "p-%04d".formatted(number);
	}

	/**
	 * Find a product.
	 * @param number the product number, the digits of its id
	 * @return the product, if it exists
	 */
	public Optional<Product> findByNumber(int number) {
		return (number >= 1 && number <= SIZE) ? Optional.of(this.products.get(number - 1)) : Optional.empty();
	}

	/**
	 * Find the products of the given numbers, leaving out unknown ones.
	 * @param numbers the product numbers, without duplicates
	 * @return the products found, in the order of {@code numbers}
	 */
	public List<Product> findAllByNumber(List<Integer> numbers) {
		return numbers.stream().flatMap((number) -> findByNumber(number).stream()).toList();
	}

	/**
	 * Find one slice of the products that match, in id order.
	 * @param category the category every product must be in, or {@code null} for any
	 * @param query a text the name must contain ignoring case, or {@code null} for any
	 * @param afterNumber the number of the last product of the previous slice, 0 for the
	 * first slice
	 * @param limit the most products of the slice
	 * @return the slice
	 */
	public ProductSlice search(@Nullable String category, @Nullable String query, int afterNumber, int limit) {
		String needle = (query != null) ? query.toLowerCase(Locale.ROOT) : null;
		List<Product> items = new ArrayList<>(limit);
		for (int index = Math.max(afterNumber, 0); index < SIZE; index++) {
			Product product = this.products.get(index);
			if ((category == null || category.equals(product.category()))
					&& (needle == null || product.name().toLowerCase(Locale.ROOT).contains(needle))) {
				if (items.size() == limit) {
					return new ProductSlice(items, true);
				}
				items.add(product);
			}
		}
		return new ProductSlice(items, false);
	}

	/**
	 * Recommend products to a user: the same user always gets the same list, and a
	 * shorter list is a prefix of a longer one.
	 * @param userId the user id
	 * @param limit the number of products, at most {@link #SIZE}
	 * @return distinct products
	 */
	public List<Product> recommendedFor(String userId, int limit) {
		// String.hashCode is specified, so the seed is the same on every JVM
		Random random = new Random(userId.hashCode());
		Set<Product> picked = new LinkedHashSet<>();
		while (picked.size() < Math.min(limit, SIZE)) {
			picked.add(this.products.get(random.nextInt(SIZE)));
		}
		return List.copyOf(picked);
	}

}
