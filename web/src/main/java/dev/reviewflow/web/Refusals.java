package dev.reviewflow.web;

import dev.reviewflow.web.api.ApiRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refusal no feature answered itself fills the part of the page that asked with the service's words: its status for
 * what the browser sent (401, 403, 404, 409, 429 …), 502 when the service failed or did not answer.
 */
@ControllerAdvice
class Refusals {

	@ExceptionHandler(ApiRefusal.class)
	ModelAndView refused(ApiRefusal refusal) {
		ModelAndView view = new ModelAndView("fragments/refusal");
		view.addObject("refusal", refusal);
		HttpStatus status = HttpStatus.resolve(refusal.status());
		view.setStatus(status == null || status.is5xxServerError() ? HttpStatus.BAD_GATEWAY : status);
		return view;
	}
}
