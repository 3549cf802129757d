package dev.reviewflow.moderation.policy;

import java.util.List;

import dev.reviewflow.events.ReviewStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreModerationTest {

	final PreModeration preModeration = new PreModeration(new ModerationProperties(List.of("buy followers", "scam")));

	@Test
	void cleanTextIsPublished() {
		Screening screening = preModeration.screen("Moving", "Maggie Gyllenhaal is great® 🎬");
		assertThat(screening.outcome()).isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(screening.reasons()).isEmpty();
	}

	@Test
	void aBannedTermRejectsWhateverItsCaseWidthOrSpacing() {
		assertThat(preModeration.screen("Great", "BUY   Followers here").outcome()).isEqualTo(ReviewStatus.REJECTED);
		assertThat(preModeration.screen("Ｓｃａｍ!", "fullwidth letters").reasons())
			.containsExactly("banned term: scam");
		assertThat(preModeration.screen("Great", "buy\nfollowers").outcome()).isEqualTo(ReviewStatus.REJECTED);
	}

	@Test
	void termsMatchWholeWordsOnly() {
		assertThat(preModeration.screen("Scampi", "The scampering kids").outcome())
			.isEqualTo(ReviewStatus.PUBLISHED);
	}

	@Test
	void normalizationFoldsCompatibilityCharactersAndWhitespace() {
		assertThat(PreModeration.normalize("  Ｆｉｌｍ\t\tIS  ﬁne ")).isEqualTo("film is fine");
	}
}
