package io.github.bffsuite.mobile.screen;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A screen response: the sections it could fill and one problem for each section it could
 * not.
 */
public interface Screen {

	/**
	 * Return the sections left out of this response.
	 * @return one problem per missing section, empty when complete (and then left out of
	 * the JSON)
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	List<MissingSection> partial();

}
