/**
 * Mattermost's config.json sections and defaults for a fresh install (api.md §G), for the
 * settings Parley reads. Parley-only settings live in ParleySettings.
 */
export function defaultConfig() {
  return {
    ServiceSettings: {
      SiteURL: '',
      WebsocketURL: '',
      ListenAddress: ':8065',
      EnableUserAccessTokens: false,
      EnableIncomingWebhooks: true,
      EnableOutgoingWebhooks: true,
      EnableCommands: true,
      EnableOAuthServiceProvider: true,
      EnablePostUsernameOverride: false,
      EnablePostIconOverride: false,
      EnableBotAccountCreation: false,
      AllowCorsFrom: '',
      CorsExposedHeaders: '',
      CorsAllowCredentials: false,
      CorsDebug: false,
      TLSStrictTransport: false,
      TLSStrictTransportMaxAge: 63072000,
      SessionLengthWebInHours: 720,
      SessionLengthMobileInHours: 720,
      SessionLengthSSOInHours: 720,
      SessionIdleTimeoutInMinutes: 43200,
      SessionCacheInMinutes: 10,
      ExtendSessionLengthWithActivity: true,
      TerminateSessionsOnPasswordChange: true,
      /** Invitations by e-mail (guest invitations need it too, as in Mattermost). */
      EnableEmailInvitations: false,
      MaximumLoginAttempts: 10,
      EnableMultifactorAuthentication: false,
      EnforceMultifactorAuthentication: false,
      MaximumPayloadSizeBytes: 300000,
      MaximumURLLength: 2048,
      ReadTimeout: 300,
      WriteTimeout: 300,
      EnableDeveloper: false,
      EnableCustomEmoji: true,
      PostEditTimeLimit: -1,
      CollapsedThreads: 'always_on',
      EnableUserTypingMessages: true,
      TimeBetweenUserTypingUpdatesMilliseconds: 5000,
      EnableChannelViewedMessages: true,
      EnableUserStatuses: true,
      AllowSyncedDrafts: true,
      ScheduledPosts: true,
      UniqueEmojiReactionLimitPerPost: 50,
      OutgoingIntegrationRequestsTimeout: 30,
      AllowedUntrustedInternalConnections: '',
      EnableLocalMode: false,
      LocalModeSocketLocation: '/var/tmp/mattermost_local.socket',
      EnableAPIUserDeletion: false,
      EnableAPITeamDeletion: false,
      EnableAPIChannelDeletion: false,
      EnableAPIPostDeletion: false,
      ExperimentalStrictCSRFEnforcement: false,
      TrustedProxyIPHeader: [] as string[],
      /** Fetch OpenGraph data for the first link of new posts (off by default, as upstream). */
      EnableLinkPreviews: false,
      /** Comma-separated domains whose links never get a preview. */
      RestrictLinkPreviews: '',
    },
    TeamSettings: {
      SiteName: 'Parley',
      /** Show the uploaded brand image and CustomBrandText on the login page (off, as upstream). */
      EnableCustomBrand: false,
      /** Text shown beside the brand image on the login page (plain text; the web client renders no HTML). */
      CustomBrandText: '',
      /** The tagline under the site name on the login page ("" = the default one). */
      CustomDescriptionText: '',
      MaxUsersPerTeam: 50,
      EnableUserCreation: true,
      EnableOpenServer: false,
      RestrictCreationToDomains: '',
      EnableCustomUserStatuses: true,
      EnableLastActiveTime: true,
      EnableUserDeactivation: false,
      EnableJoinLeaveMessageByDefault: true,
      UserStatusAwayTimeout: 300,
      TeammateNameDisplay: 'username',
      RestrictDirectMessage: 'any',
      MaxChannelsPerTeam: 2000,
      MaxNotificationsPerChannel: 1000,
      ExperimentalDefaultChannels: [] as string[],
      ExperimentalPrimaryTeam: '',
      LockTeammateNameDisplay: false,
    },
    SqlSettings: {
      DriverName: 'postgres',
      DataSource: '',
      DataSourceReplicas: [] as string[],
      MaxIdleConns: 20,
      MaxOpenConns: 300,
      QueryTimeout: 30,
      ConnMaxLifetimeMilliseconds: 3600000,
    },
    PasswordSettings: {
      MinimumLength: 8,
      Lowercase: false,
      Number: false,
      Uppercase: false,
      Symbol: false,
      EnableForgotLink: true,
    },
    EmailSettings: {
      EnableSignUpWithEmail: true,
      EnableSignInWithEmail: true,
      EnableSignInWithUsername: true,
      SendEmailNotifications: true,
      RequireEmailVerification: false,
      FeedbackName: '',
      FeedbackEmail: 'test@example.com',
      SMTPUsername: '',
      SMTPPassword: '',
      SMTPServer: 'localhost',
      SMTPPort: '10025',
      ConnectionSecurity: '',
      EnableSMTPAuth: false,
      SkipServerCertificateVerification: false,
      SMTPServerTimeout: 10,
      SendPushNotifications: true,
      PushNotificationServer: 'https://push-test.mattermost.com',
      // Parley's default keeps message text on the server: devices fetch the post by id.
      PushNotificationContents: 'id_loaded',
      EnableEmailBatching: false,
      EmailBatchingBufferSize: 256,
      EmailBatchingInterval: 30,
      EmailNotificationContentsType: 'full',
    },
    RateLimitSettings: {
      Enable: false,
      PerSec: 10,
      MaxBurst: 100,
      MemoryStoreSize: 10000,
      VaryByRemoteAddr: true,
      VaryByUser: false,
      VaryByHeader: '',
    },
    PrivacySettings: {
      ShowEmailAddress: true,
      ShowFullName: true,
    },
    FileSettings: {
      DriverName: 'local',
      Directory: './data/',
      MaxFileSize: 104857600,
      EnableFileAttachments: true,
      EnableMobileUpload: true,
      EnableMobileDownload: true,
      EnablePublicLink: false,
      PublicLinkSalt: '',
      ExtractContent: true,
      MaxImageResolution: 33177600,
      AmazonS3AccessKeyId: '',
      AmazonS3SecretAccessKey: '',
      AmazonS3Bucket: '',
      AmazonS3Region: '',
      AmazonS3PathPrefix: '',
      AmazonS3Endpoint: 's3.amazonaws.com',
      AmazonS3SSL: true,
      AmazonS3SSE: false,
    },
    LogSettings: {
      EnableConsole: true,
      ConsoleLevel: 'INFO',
      ConsoleJson: true,
    },
    GuestAccountsSettings: {
      /** Guests may sign in and be invited; turning it off deactivates every guest account. */
      Enable: false,
      /** Guests may sign up with an e-mail address and password (the only guest sign-up Parley has). */
      AllowEmailAccounts: true,
      EnforceMultifactorAuthentication: false,
      /** Domains guest invitations may go to (comma or space separated; empty = any). */
      RestrictCreationToDomains: '',
      /** Clients hide the "Guest" badge next to guests' names. */
      HideTags: false,
    },
    LdapSettings: { Enable: false, EnableSync: false },
    SamlSettings: { Enable: false },
    GitLabSettings: { Enable: false },
    MetricsSettings: { Enable: false, ListenAddress: ':8067' },
    ClusterSettings: { Enable: false, ClusterName: '' },
    DisplaySettings: { ExperimentalTimezone: true },
    SupportSettings: {
      // Empty, unlike Mattermost's links to its own site: a Parley server's terms, privacy policy and
      // help are its organisation's, and an empty link is simply not shown.
      TermsOfServiceLink: '',
      PrivacyPolicyLink: '',
      AboutLink: '',
      HelpLink: '',
      ReportAProblemLink: '',
      SupportEmail: '',
      /** Users must accept the newest custom terms of service before using the web app (docs/security.md). */
      CustomTermsOfServiceEnabled: false,
      /** Days after which an accepted version must be accepted again. */
      CustomTermsOfServiceReAcceptancePeriod: 365,
    },
    LocalizationSettings: { DefaultServerLocale: 'en', DefaultClientLocale: 'en', AvailableLocales: '' },
    ParleySettings: {
      /** Where the embedded PostgreSQL keeps its data when SqlSettings.DataSource is empty. */
      EmbeddedDatabaseDirectory: './data/db',
      /** PBKDF2-SHA256 iterations for new password hashes (Mattermost 11 uses 600,000). */
      PasswordHashIterations: 600000,
      /** Login attempts per minute per client IP and per login id, always on (0 = off); see docs/security.md. */
      LoginRateLimitPerMinute: 20,
      /** SameSite of the session cookies: Lax, Strict, or None (embedding in another site; forces Secure). */
      CookieSameSite: 'Lax',
      /** CSP frame-ancestors sources for the web app's pages ('self' = no embedding by other sites). */
      FrameAncestors: "'self'",
      /** Referrer-Policy sent with every response. */
      ReferrerPolicy: 'no-referrer',
      /**
       * Most sign-in sessions one user may hold (0 = no cap); signing in once more ends the least
       * recently used. Access-token and OAuth sessions are not counted.
       */
      MaximumSessionsPerUser: 100,
    },
  };
}

export type Config = ReturnType<typeof defaultConfig>;

/** Settings whose values are masked when the config is read over the API. */
export const SECRET_SETTINGS = new Set([
  'SqlSettings.DataSource',
  'SqlSettings.DataSourceReplicas',
  'EmailSettings.SMTPPassword',
  'FileSettings.PublicLinkSalt',
  'FileSettings.AmazonS3SecretAccessKey',
]);

export const FAKE_SETTING = '********************************';
