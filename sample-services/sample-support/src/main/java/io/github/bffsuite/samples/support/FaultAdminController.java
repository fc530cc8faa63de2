package io.github.bffsuite.samples.support;

import java.time.Duration;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dev-only endpoint to read and change a sample service's faults at run time: {@code PUT
 * /admin/faults {"latencyMs":200,"errorRate":0.1}}.
 */
@RestController
@RequestMapping("/admin/faults")
public class FaultAdminController {

	private final FaultInjection faults;

	public FaultAdminController(FaultInjection faults) {
		this.faults = faults;
	}

	@GetMapping
	public FaultsView get() {
		return FaultsView.of(this.faults.settings());
	}

	@PutMapping
	public FaultsView put(@RequestBody FaultsView view) {
		this.faults.update(new FaultInjection.Settings(Duration.ofMillis(view.latencyMs()), view.errorRate()));
		return FaultsView.of(this.faults.settings());
	}

	/**
	 * Faults as JSON.
	 *
	 * @param latencyMs added latency in milliseconds
	 * @param errorRate share of requests answered with a 503
	 */
	public record FaultsView(long latencyMs, double errorRate) {

		static FaultsView of(FaultInjection.Settings settings) {
			return new FaultsView(settings.latency().toMillis(), settings.errorRate());
		}

	}

}
