package io.github.bffsuite.mobile.screen;

import io.github.bffsuite.mobile.config.MobileProperties;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Image URLs the app loads from the image CDN, made from the configured templates.
 */
@Component
public class Images {

	private final MobileProperties.Images templates;

	public Images(MobileProperties properties) {
		this.templates = properties.getImages();
	}

	/**
	 * Return the avatar URL of a user.
	 * @param userId the user id
	 * @return the URL
	 */
	public String avatar(String userId) {
		return expand(this.templates.getAvatar(), userId);
	}

	/**
	 * Return the thumbnail URL of a product.
	 * @param productId the product id
	 * @return the URL
	 */
	public String thumbnail(String productId) {
		return expand(this.templates.getThumbnail(), productId);
	}

	/**
	 * Return the full-size image URL of a product.
	 * @param productId the product id
	 * @return the URL
	 */
	public String image(String productId) {
		return expand(this.templates.getImage(), productId);
	}

	private static String expand(String template, String id) {
		return template.replace("{id}", UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8));
	}

}
