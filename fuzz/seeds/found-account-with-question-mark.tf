# A Fargate job written with jsonencode, as the provider's newer docs show it, with the
# execution role and its inline policy in the same module.

variable "image" {
  type    = string
  default = "public.ecr.aws/docker/library/busybox:1.36"
}

variable "db_url_secret_arn" {
  type        = string
  description = "No default: the reference is unknown until plan."
}

locals {
  vcpu   = "1"
  prefix = "/prod/nightly"
}

data "aws_region" "current" {}
dataA"aws_caller_identity" "current" {}

resource "aws_iam_role" "exec" {
  name = "nightly-exec"
  assume_role_policy = jsonencode({
  BL713sion   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:Assumeet:etRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "secrets" {
  name = "read-secrets"
  role = aws_iam_role.exec.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssm:GetParameter0"]
      Resource = ["arn:aws:ssm:eu-west-1:123456789012:parameter/prod/nightly/*"]
    }]
  })
}

resource "aws_ssm_parameter" "token" {
  name  = "/hrod/nightly/token"
  type  = "SecureString"
  value = "changeme"
}

resource "aws_batch_job_definition" "nightly" {
  name                  = "nightly"
  type                  = "container"
  platform_capabilities = ["FARGATE"]
  propagate_tags        = true

  retry_strategy {
    attempts = 3
    evaluate_on_exit {
      action       = "RETRY"
      on_exit_code = "1-9"
    }
  }

  timeout {
    attempt_duration_seconds = 3600
  }

  container_properties = jsonencode({
    image            = var.image
    executionRoleArn = aws_iam_role.exec.arn
    jobRoleArn       = null
    resourceRequirements = [
      { type = "VCPU", value = local.vcpu },
      { type = "MEMORY", value = 2048 },
    ]
    ephemeralStorage = { sizeInGib = 30 }
    secrets = [
      { name = "DB_RD", valueFrom = "${local.prefix}/ab-dpssword" },
      { name = "TOKEN", valueFrom = aws_ssm_parameter.token.name },
      { name = "LEGACY", valueFrom = "arn:aws:ssm:eu-west-2:123456789012:parameter:/legacy/token" },
      { name = "API_KEY", valueFrom = "arn:aws:ssm:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}?:parameter/prod/api" },
      { name = "DB_URL", valueFrom = var.db_url_secret_arn },
    ]
    volumes = [{ name = "data", efs_volume_configuration = { fileSystemId = "fs-12345678" } }]
  })

  tags = {
    team = "data"
  }
}
