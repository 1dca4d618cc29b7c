"""``dost plans list [--json]`` and ``dost plans show ID [--json]`` (shapes fixed by CONTRACTS.md)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from dost.plans.models import Plan
from dost.plans.status import with_status


def plan_summary(plan: Plan) -> dict:
    return {
        "id": plan.pk,
        "number": plan.number_symbol if plan.number else None,  # null when the document leaves it blank
        "symbol": plan.symbol or None,
        "date": {"year": plan.date_year, "month": plan.date_month, "day": plan.date_day},
        "title": plan.title,
        "budget_vnd": plan.budget_vnd,
        "task_count": plan.task_count,
        "status": plan.status,
        "owner": plan.owner.name,
        "issuer": plan.issuer_name or (plan.issuer.name if plan.issuer else None),
        "place": plan.place or None,
    }


def task_json(task) -> dict:
    return {
        "id": task.pk,
        "ref": task.ref,
        "parent_id": task.parent_id,
        "title": task.title,
        "lead": task.lead_name or (task.lead.name if task.lead else None),
        "lead_id": task.lead_id,
        "partners": [p.name for p in task.partners.all()],
        "start": task.start_date.isoformat() if task.start_date else None,
        "due": task.due_date.isoformat() if task.due_date else None,
        "due_precision": task.due_precision,
        "recurrence": task.recurrence,
        "budget_vnd": task.budget_vnd,
        "progress": float(task.effective_progress),
        "status": task.status,
        "milestones": [
            {"id": m.pk, "due": m.due_date.isoformat(), "label": m.label, "text": m.text, "achieved": m.achieved}
            for m in task.milestones.all()
        ],
    }


class Command(BaseCommand):
    help = "List the plans, or show one plan with its tasks."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        list_parser = sub.add_parser("list", help="List every plan.")
        list_parser.add_argument("--json", action="store_true", help="Print one JSON array on stdout.")
        show = sub.add_parser("show", help="Show one plan with its tasks.")
        show.add_argument("id", type=int)
        show.add_argument("--json", action="store_true", help="Print one JSON object on stdout.")

    def handle(self, *args, **options):
        plans = Plan.objects.select_related("owner", "issuer").annotate(task_count=Count("tasks")).order_by("id")
        if options["action"] == "list":
            rows = [plan_summary(p) for p in plans]
            if options["json"]:
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                for row in rows:
                    number = row["number"] or f"/{row['symbol'] or ''}"
                    self.stdout.write(f"{row['id']:>5}  {number:<16} {row['task_count']:>3} nhiệm vụ  {row['title'][:90]}")
            return
        plan = plans.filter(pk=options["id"]).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch số hiệu {options['id']}.", returncode=2)
        tasks = (
            with_status(plan.tasks.all()).select_related("lead").prefetch_related("partners", "milestones")
            .order_by("order", "id")
        )
        data = {
            **plan_summary(plan),
            "legal_bases": [doc.number_symbol for doc in plan.legal_bases.all()],
            "replaces": [doc.number_symbol for doc in plan.replaces.all()],
            "signer": {"name": plan.signer_name or None, "title": plan.signer_title or None,
                       "on_behalf": plan.signer_on_behalf or None},
            "recipients": plan.recipients,
            "tasks": [task_json(t) for t in tasks],
        }
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{data['number'] or '/' + (data['symbol'] or '')}  {data['title']}")
            for task in data["tasks"]:
                self.stdout.write(f"  {task['ref']:<6} {task['status']:<12} {task['due'] or '':<10} {task['title'][:80]}")
