from publicservices.survey import admin as survey_admin  # noqa: F401  SKM: registers its admin
