from django.urls import path

from ingang.plans import views

app_name = "plans"
urlpatterns = [
    path("personer/<uuid:public_id>/plan/", views.plan, name="plan"),
    path("personer/<uuid:public_id>/plan/historik/", views.history, name="history"),
    path("personer/<uuid:public_id>/plan/mal/", views.goal, name="goal"),
    path("personer/<uuid:public_id>/plan/delmal/ny/", views.sub_goal_new, name="sub_goal_new"),
    path("personer/<uuid:public_id>/plan/aktiviteter/ny/", views.activity_new, name="activity_new"),
    path(
        "personer/<uuid:public_id>/plan/aktiviteter/<int:activity_id>/andra/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "personer/<uuid:public_id>/plan/aktiviteter/<int:activity_id>/status/",
        views.activity_status,
        name="activity_status",
    ),
    path(
        "personer/<uuid:public_id>/plan/krockar/<int:clash_id>/kvittera/",
        views.clash_ack,
        name="clash_acknowledge",
    ),
]
