"""One delivery pipeline: alerts become deliveries, and reporting's notices move into the same table.

Queued tasks follow them: a notice's task now sends its delivery, an alert's task is the delivery task.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

NOTICE_TASK = "victimsrights.reporting.tasks.notice_send"
ALERT_TASK = "victimsrights.notify.tasks.alert_send"
DELIVERY_TASK = "victimsrights.notify.tasks.delivery_send"
UNFINISHED = ["READY", "RUNNING"]


def move_notices(apps, schema_editor):
    Notice = apps.get_model("reporting", "Notice")
    Delivery = apps.get_model("notify", "Delivery")
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    new_ids = {}
    for notice in Notice.objects.order_by("pk").iterator():
        written = notice.channel if notice.channel in {"email", "text", "letter"} and notice.status != "staff" else ""
        delivery = Delivery.objects.create(
            report_id=notice.report_id,
            kind=notice.kind,
            channel=written,
            status=notice.status,
            not_before=notice.not_before,
            attempts=notice.attempts,
            last_error=notice.last_error,
            sent_at=notice.sent_at,
            sending_since=notice.sending_since,
            provider="smtp" if notice.status == "sent" else "",
        )
        Delivery.objects.filter(pk=delivery.pk).update(created_at=notice.created_at)
        new_ids[notice.pk] = str(delivery.pk)
    for result in DBTaskResult.objects.filter(task_path=NOTICE_TASK, status__in=UNFINISHED):
        notice_id = result.args_kwargs["args"][0]
        if notice_id in new_ids:
            result.args_kwargs = {"args": [new_ids[notice_id]], "kwargs": {}}
            result.task_path = DELIVERY_TASK
            result.save(update_fields=["args_kwargs", "task_path"])
    DBTaskResult.objects.filter(task_path=ALERT_TASK, status__in=UNFINISHED).update(task_path=DELIVERY_TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0003_undelivered"),
        ("reporting", "0007_under_18"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RenameModel("Alert", "Delivery"),
        migrations.AlterModelOptions(name="delivery", options={"verbose_name_plural": "deliveries"}),
        migrations.AddField(
            model_name="delivery",
            name="kind",
            field=models.CharField(
                choices=[
                    ("received", "Report received"),
                    ("recorded", "Crime recorded"),
                    ("declined", "Not recorded, with the right to appeal"),
                    ("appeal_upheld", "Appeal decided: still not recorded"),
                    ("cancelled", "Crime record cancelled"),
                    ("alert", "Update alert"),
                ],
                default="alert",
                max_length=16,
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="delivery",
            name="channel",
            field=models.CharField(
                blank=True,
                choices=[("email", "Email"), ("text", "Text message"), ("letter", "Letter")],
                max_length=8,
            ),
        ),
        migrations.AlterField(
            model_name="delivery",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting to send"),
                    ("sending", "Sending"),
                    ("sent", "Sent"),
                    ("failed", "Not delivered"),
                    ("print", "Letter waiting to be printed and posted"),
                    ("staff", "No written channel: staff to phone the victim"),
                    ("no_channel", "No safe channel to send it on, or alerts turned off"),
                ],
                default="pending",
                max_length=16,
            ),
        ),
        migrations.AlterField(
            model_name="delivery",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="deliveries", to="reporting.report"
            ),
        ),
        migrations.AddIndex(
            model_name="delivery",
            index=models.Index(
                condition=models.Q(("status", "print")), fields=["created_at"], name="notify_letters_to_print"
            ),
        ),
        migrations.RunPython(move_notices, migrations.RunPython.noop),
    ]
