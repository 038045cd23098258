# A nightly report job on Fargate, its execution role and its secrets, as a Terraform module.

variable "environment" {
  type    = string
  default = "prod"
}

locals {
  prefix = "/${var.environment}/report"
}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_secretsmanager_secret" "api_key" {
  name = "${var.environment}/report/api-key"
}

resource "aws_iam_role" "exec" {
  name = "nightly-report-exec"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "secrets" {
  name = "read-report-secrets"
  role = aws_iam_role.exec.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssm:GetParameters", "secretsmanager:GetSecretValue"]
      Resource = ["*"]
    }]
  })
}

resource "aws_batch_job_definition" "nightly" {
  name                  = "nightly-report"
  type                  = "container"
  platform_capabilities = ["FARGATE"]

  container_properties = jsonencode({
    image            = "public.ecr.aws/docker/library/python:3.12-slim"
    executionRoleArn = aws_iam_role.exec.arn
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = 2048 },
    ]
    runtimePlatform = { cpuArchitecture = "ARM64" }
    ephemeralStorage = { sizeInGib = 30 }
    secrets = [
      { name = "DB_PASSWORD", valueFrom = "${local.prefix}/db-password" },
      { name = "API_KEY", valueFrom = "${aws_secretsmanager_secret.api_key.arn}:key::" },
      { name = "REGION_TOKEN", valueFrom = "arn:aws:ssm:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:parameter//report/token" },
    ]
  })
}
