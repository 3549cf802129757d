package dev.reviewflow.moderation;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.moderation.audit.AuditLog;
import dev.reviewflow.moderation.cases.Appeals;
import dev.reviewflow.moderation.cases.AuthorStanding;
import dev.reviewflow.moderation.cases.CaseDecisions;
import dev.reviewflow.moderation.cases.CaseQueue;
import dev.reviewflow.moderation.cases.Claims;
import dev.reviewflow.moderation.policy.ModerationProperties;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.report.ReportQueries;
import dev.reviewflow.moderation.report.Reporting;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.vote.Votes;
import dev.reviewflow.testsupport.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every moderation controller in one web slice: the platform's token checks, request limits and problem documents,
 * each feature's mapping of its domain exceptions, and every feature's services replaced at the feature boundary. No
 * broker, no database; the classes that extend this share one context.
 */
@WebMvcTest(properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(ModerationProperties.class)
abstract class ModerationWebSlice {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Votes votes;

	@MockitoBean
	Reporting reporting;

	@MockitoBean
	ReportQueries reports;

	@MockitoBean
	CaseQueue queue;

	@MockitoBean
	Claims claims;

	@MockitoBean
	CaseDecisions decisions;

	@MockitoBean
	Appeals appeals;

	@MockitoBean
	AuthorStanding authorStanding;

	@MockitoBean
	KnownReviews reviews;

	@MockitoBean
	AuditLog audit;

	@MockitoBean
	Policies policies;

	/** A valid policy document, as an administrator PUTs it. */
	static final String POLICY = """
			{"bannedTerms":["buy followers"],"suspectTerms":["casino"],"reportThreshold":3.0,"autoHide":true,\
			"maxLinks":2,"shouting":{"minLetters":20,"capitalsPercent":70},"nearDuplicateSimilarity":0.8,\
			"claimTimeoutMinutes":30,"appealWindowDays":20,"rateLimits":{"votes":{"max":60,"perMinutes":1},\
			"reports":{"max":10,"perMinutes":60},"reviews":{"max":20,"perMinutes":60},\
			"reviewEdits":{"max":20,"perMinutes":60},"reviewDeletes":{"max":20,"perMinutes":60},\
			"ratings":{"max":20,"perMinutes":60},"appeals":{"max":10,"perMinutes":1440},\
			"claims":{"max":30,"perMinutes":1},"decisions":{"max":30,"perMinutes":1}}}""";

	Http anonymous() {
		return Http.over(mvc);
	}

	Http as(String subject, String... roles) {
		return anonymous().as(TOKENS.mint(subject, roles));
	}
}
