variable "image" { default = "busybox" }
locals { props = { image = var.image, secrets = [{ name = "S", valueFrom = "/prod/s" }] } }
resource "aws_iam_role" "exec" { name = "exec" }
resource "aws_batch_job_definition" "a" {
  name = "a"
  type = "container"
  container_properties = jsonencode(local.props)
}
resource "aws_batch_job_definition" "b" {
  name = "b"
  type = "container"
  container_properties = <<-EOF
    {"image": "x", "executionRoleArn": "${aws_iam_role.exec.arn}", "command": ["$${HOME}"], "vcpus": ${var.vcpus}}
  EOF
}
resource "aws_batch_job_definition" "c" {
  name = "c"
  type = "container"
  container_properties = file("${path.module}/c.json")
  ecs_properties = templatefile("t.tpl", { image = "x" })
}
