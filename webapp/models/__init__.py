"""Every model, imported so that the metadata (and Alembic) knows all tables."""

from webapp.models.auth import AuthSession, EmailVerificationCode, PasswordResetToken
from webapp.models.candidate import (
    DISABILITY_CATEGORIES,
    PARSING_STATUSES,
    CandidateProfile,
    Note,
    profile_skills,
)
from webapp.models.chat import CHAT_KINDS, ChatMessage, ChatThread
from webapp.models.feedback import URGENCIES, Feedback
from webapp.models.invitation import Invitation
from webapp.models.job import (
    JOB_STATUSES,
    JOB_TYPES,
    RANKING_STATUSES,
    WORKPLACE_TYPES,
    Job,
    Skill,
    job_hiring_team,
)
from webapp.models.organization import MEMBER_ROLES, Organization, organization_members
from webapp.models.pipeline import (
    ACTIVITY_KINDS,
    APPLICATION_STATUSES,
    EMAIL_TEMPLATES,
    STAGE_KINDS,
    Activity,
    Application,
    ApplicationEmail,
    EmailTemplate,
    Stage,
)
from webapp.models.task import TASK_STATUSES, Task
from webapp.models.team import NOTIFICATION_KINDS, Comment, Notification, comment_mentions
from webapp.models.user import User, UserProfile

__all__ = [
    "ACTIVITY_KINDS",
    "APPLICATION_STATUSES",
    "STAGE_KINDS",
    "Activity",
    "Application",
    "ApplicationEmail",
    "EMAIL_TEMPLATES",
    "EmailTemplate",
    "Stage",
    "NOTIFICATION_KINDS",
    "Comment",
    "Notification",
    "comment_mentions",
    "CHAT_KINDS",
    "ChatMessage",
    "ChatThread",
    "DISABILITY_CATEGORIES",
    "PARSING_STATUSES",
    "CandidateProfile",
    "Note",
    "profile_skills",
    "JOB_STATUSES",
    "JOB_TYPES",
    "RANKING_STATUSES",
    "TASK_STATUSES",
    "URGENCIES",
    "WORKPLACE_TYPES",
    "AuthSession",
    "EmailVerificationCode",
    "Feedback",
    "Invitation",
    "Job",
    "Organization",
    "PasswordResetToken",
    "Skill",
    "Task",
    "User",
    "UserProfile",
    "organization_members",
    "MEMBER_ROLES",
    "job_hiring_team",
]
